namespace Functional.Display.PyTorch;

/// <summary>
/// A row-major, read-only tensor to print: its shape, the strides that shape implies, and the values. The printer walks
/// it with index arithmetic instead of making a sub-view per dimension, so a deep shape costs nothing to step into.
/// </summary>
internal readonly record struct TensorView<T>(long[] Shape, long[] Strides, ReadOnlyMemory<T> Data)
{
    public int Dimensions => Shape.Length;

    public long ElementCount => Data.Length;

    public T At(long position) => Data.Span[(int)position];

    /// <summary>A view of <paramref name="data"/> in <paramref name="shape"/>; the shape must account for the data exactly.</summary>
    public static TensorView<T> Of(long[] shape, ReadOnlyMemory<T> data)
    {
        var strides = new long[shape.Length];
        Int128 step = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] < 0) throw new ArgumentException($"shape has a negative size {shape[i]}");
            strides[i] = step > long.MaxValue ? long.MaxValue : (long)step;
            step = Int128.Min((Int128)long.MaxValue + 1, step * Math.Max(shape[i], 1));
        }
        var expected = shape.Any(d => d == 0) ? 0 : step;
        if (expected != data.Length)
            throw new ArgumentException($"a shape of {shape.Length} dimensions needs {(expected > long.MaxValue ? "more than 2^63" : expected.ToString())} values but {data.Length} were given");
        return new TensorView<T>(shape, strides, data);
    }
}
