using System.Buffers;
using System.Runtime.InteropServices;

namespace Functional.TorchAdapter.Backend;

/// <summary>
/// A block of native memory (<see cref="LargeArrays.AllocateNative{T}"/>) seen as <see cref="Memory{T}"/>: gone, not
/// merely unreachable, once disposed, which a freed array is not until the garbage collector's next full collection.
/// </summary>
public sealed unsafe class NativeBuffer<T>(int length) : MemoryManager<T> where T : unmanaged
{
    T* start = LargeArrays.AllocateNative<T>(length);

    public int Length { get; } = length;

    public override Span<T> GetSpan() => start == null ? throw new ObjectDisposedException(nameof(NativeBuffer<T>)) : new Span<T>(start, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (start != null) NativeMemory.AlignedFree(start);
        start = null;
    }
}
