using static TorchSharp.torch;

namespace Functional.TorchAdapter.Models;

/// <summary>
/// libtorch's default generator is process-wide: two trainings starting at once (parallel tests, say) could interleave
/// seeding and drawing and get each other's initial parameters. Seeding and drawing happen as one step under this lock.
/// </summary>
public static class SeededModels
{
    static readonly Lock DefaultGenerator = new();

    /// <summary>A new module whose parameters are drawn right after <c>torch.manual_seed(seed)</c>, as in the notebook.</summary>
    public static ModelModule Create(TorchModel model, long seed)
    {
        lock (DefaultGenerator)
        {
            manual_seed(seed);
            return model.Create();
        }
    }
}
