using LanguageExt;

namespace Functional.Formats;

/// <summary>Row-major strides and strided element lookup, as PyTorch defines them.</summary>
internal static class StorageLayout
{
    /// <summary>Larger tensors than this are refused rather than allocated; far beyond any model this project trains.</summary>
    public const long MaxElements = 1L << 28;

    /// <summary>PyTorch's contiguous strides: a zero-sized dimension counts as 1, so torch.zeros(3, 0).stride() == (1, 1).</summary>
    public static Seq<long> ContiguousStrides(Seq<long> shape)
    {
        var strides = new long[shape.Count];
        var step = 1L;
        for (var i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= Math.Max(shape[i], 1);
        }
        return strides.ToSeq().Strict();
    }

    /// <summary>
    /// Storage positions of every element in row-major order, honouring offset and strides (stride 0 is how PyTorch
    /// saves expanded tensors). None when the layout is malformed or reaches outside the storage.
    /// </summary>
    public static Option<long[]> StoragePositions(Seq<long> shape, Seq<long> strides, long offset, long storageLength)
    {
        var dims = shape.ToArray();
        var steps = strides.ToArray();
        if (dims.Length != steps.Length || offset < 0 || dims.Any(d => d < 0) || steps.Any(s => s < 0))
            return Option<long[]>.None;
        if (dims.Any(d => d == 0)) return Array.Empty<long>();

        Int128 count = 1;
        Int128 lastPosition = offset;
        for (var i = 0; i < dims.Length; i++)
        {
            count *= dims[i];
            lastPosition += (Int128)(dims[i] - 1) * steps[i];
            if (count > MaxElements || lastPosition >= storageLength) return Option<long[]>.None;
        }

        var positions = new long[(long)count];
        var index = new long[dims.Length];
        for (var n = 0L; n < positions.Length; n++)
        {
            var position = offset;
            for (var i = 0; i < dims.Length; i++) position += index[i] * steps[i];
            positions[n] = position;
            for (var i = dims.Length - 1; i >= 0; i--)
            {
                if (++index[i] < dims[i]) break;
                index[i] = 0;
            }
        }
        return positions;
    }
}
