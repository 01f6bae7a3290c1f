using System.Runtime.InteropServices;
using Functional.Domain.Training;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary><see cref="DataLoaderShuffle"/>'s epochs for the core's <c>--fused --batch-size</c> steps, copied out of the int32 tensor.</summary>
public sealed class DataLoaderOrder(long seed) : IEpochOrder
{
    readonly DataLoaderShuffle shuffle = new(seed);

    /// <summary>A block copy of the tensor's memory: its element accessor took 170 ms for 10^7 indices, this 5 ms.</summary>
    public void NextEpoch(Span<int> order)
    {
        using var scope = NewDisposeScope();
        MemoryMarshal.Cast<byte, int>(shuffle.NextEpoch(order.Length).bytes).CopyTo(order);
    }

    public byte[] State() => shuffle.State();

    public void Restore(byte[] state) => shuffle.Restore(state);

    public void Dispose() => shuffle.Dispose();
}
