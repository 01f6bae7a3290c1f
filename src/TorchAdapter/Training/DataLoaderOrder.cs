using Functional.Domain.Training;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary><see cref="DataLoaderShuffle"/>'s epochs for the core's <c>--fused --batch-size</c> steps, copied out of the int32 tensor.</summary>
public sealed class DataLoaderOrder(long seed) : IEpochOrder
{
    readonly DataLoaderShuffle shuffle = new(seed);

    public void NextEpoch(Span<int> order)
    {
        using var scope = NewDisposeScope();
        shuffle.NextEpoch(order.Length).data<int>().CopyTo(order);
    }

    public byte[] State() => shuffle.State();

    public void Restore(byte[] state) => shuffle.Restore(state);

    public void Dispose() => shuffle.Dispose();
}
