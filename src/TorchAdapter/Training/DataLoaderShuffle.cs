using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// The order in which PyTorch 1.13's <c>DataLoader(dataset, batch_size, shuffle=True,
/// generator=torch.Generator().manual_seed(seed))</c> visits the samples, epoch after epoch. Each epoch run to its end
/// draws, all from that generator (torch/utils/data/dataloader.py and sampler.py, one process):
/// <list type="number">
/// <item><c>iter(loader)</c>: <c>_base_seed = torch.empty((), dtype=torch.int64).random_(generator=g)</c>, one 64-bit draw
/// (two 32-bit words) whose value only worker processes would use;</item>
/// <item>the <c>RandomSampler</c>'s <c>torch.randperm(n, generator=g)</c>: the epoch's order;</item>
/// <item>once that is exhausted, its <c>torch.randperm(n, generator=g).tolist()[:n % n]</c>: no samples, but n - 1 words.</item>
/// </list>
/// The default (global) generator, which made the model's parameters, is never touched.
/// </summary>
public sealed class DataLoaderShuffle(long seed) : IDisposable
{
    readonly Generator generator = new(unchecked((ulong)seed));

    /// <summary>The next epoch's order of the <paramref name="samples"/> training samples, as an int32 tensor the caller owns.</summary>
    public Tensor NextEpoch(int samples)
    {
        Randperm113.Skip(generator, 2);
        var order = Randperm113.Draw(samples, generator);
        Randperm113.Skip(generator, samples - 1);
        return order;
    }

    /// <summary>The generator's state, <c>g.get_state()</c>: the bytes PyTorch 1.13's CPU generator gives (mt19937 and its extras).</summary>
    public byte[] State()
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    /// <summary><c>g.set_state(state)</c>: the next epoch draws what the generator that saved it would have drawn.</summary>
    public void Restore(byte[] state)
    {
        using var bytes = tensor(state, dtype: ScalarType.Byte);
        generator.set_state(bytes);
    }

    public void Dispose() => generator.Dispose();
}
