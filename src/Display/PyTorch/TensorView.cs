namespace Functional.Display.PyTorch;

/// <summary>A row-major, read-only view of one sub-tensor: the printer walks nested dimensions without copying.</summary>
internal readonly record struct TensorView<T>(long[] Shape, ReadOnlyMemory<T> Data, long Offset)
{
    public int Dimensions => Shape.Length;

    public long Size0 => Shape[0];

    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public TensorView<T> Row(long index)
    {
        var rest = Shape[1..];
        var stride = rest.Aggregate(1L, (n, d) => n * d);
        return new TensorView<T>(rest, Data, Offset + index * stride);
    }

    /// <summary>The element at <paramref name="index"/> along a 1-d view.</summary>
    public T At(long index) => Data.Span[(int)(Offset + index)];

    public T Scalar => Data.Span[(int)Offset];
}
