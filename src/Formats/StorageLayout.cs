using System.Buffers.Binary;
using System.Globalization;
using Functional.Domain.Text;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Formats;

/// <summary>A tensor's place in its storage, as PyTorch defines it: shape, strides and offset, in elements.</summary>
internal sealed record StridedLayout(long[] Shape, long[] Strides, long Offset, long ElementCount);

/// <summary>
/// Row-major strides and strided element lookup, as PyTorch defines them. Every size computed from a file is computed
/// so that it cannot wrap: element counts stop growing past their limit, positions are summed in 128 bits.
/// </summary>
internal static class StorageLayout
{
    /// <summary>PyTorch's contiguous strides: a zero-sized dimension counts as 1, so torch.zeros(3, 0).stride() == (1, 1).</summary>
    public static Seq<long> ContiguousStrides(Seq<long> shape)
    {
        var strides = new long[shape.Count];
        var step = 1L;
        for (var i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = step;
            step = checked(step * Math.Max(shape[i], 1));
        }
        return strides.ToSeq().Strict();
    }

    /// <summary>
    /// The number of elements of <paramref name="shape"/> when it is at most <paramref name="limit"/>; None when it is
    /// larger (the product is never formed past the limit, so it cannot overflow). Dimensions must be non-negative.
    /// </summary>
    public static Option<long> ElementCount(IReadOnlyList<long> shape, long limit)
    {
        if (shape.Any(d => d == 0)) return 0L;
        var count = 1L;
        foreach (var dimension in shape)
        {
            if (dimension > limit / count) return Option<long>.None;
            count *= dimension;
        }
        return count;
    }

    /// <summary>
    /// Checks a layout read from a file whose <paramref name="elementCount"/> is already known to fit (see
    /// <see cref="ElementBudget"/>): as many strides as dimensions, nothing negative, every element inside a storage of
    /// <paramref name="storageLength"/> elements (the last position is summed in 128 bits, so it cannot wrap).
    /// </summary>
    public static Fin<StridedLayout> Check(IReadOnlyList<long> shape, IReadOnlyList<long> strides, long offset, long storageLength, long elementCount)
    {
        string Layout() => $"offset {offset.ToString(CultureInfo.InvariantCulture)}, shape {Echo.Shape(shape)}, stride {Echo.Shape(strides)}";
        if (shape.Count != strides.Count)
            return Error.New($"tensor layout ({Layout()}) has {shape.Count} dimensions but {strides.Count} strides");
        if (offset < 0 || shape.Any(d => d < 0) || strides.Any(s => s < 0))
            return Error.New($"tensor layout ({Layout()}) has a negative size, stride or offset");
        if (elementCount > 0)
        {
            Int128 last = offset;
            for (var i = 0; i < shape.Count; i++) last += (Int128)(shape[i] - 1) * strides[i];
            if (last >= storageLength)
                return Error.New($"tensor layout ({Layout()}) reaches outside its storage of {storageLength.ToString(CultureInfo.InvariantCulture)} elements");
        }
        return new StridedLayout(shape.ToArray(), strides.ToArray(), offset, elementCount);
    }

    /// <summary>
    /// The layout's elements in row-major order, read from little-endian storage bytes (float64 narrowed to float32).
    /// Size-1 dimensions are dropped first (their index is always 0), so each element costs amortised constant time
    /// whatever the dimension count.
    /// </summary>
    public static float[] Gather(StridedLayout layout, ReadOnlySpan<byte> storage, bool float64)
    {
        var values = new float[layout.ElementCount];
        if (values.Length == 0) return values;
        var kept = Enumerable.Range(0, layout.Shape.Length).Where(i => layout.Shape[i] != 1).ToArray();
        var sizes = kept.Select(i => layout.Shape[i]).ToArray();
        var steps = kept.Select(i => layout.Strides[i]).ToArray();
        var index = new long[sizes.Length];
        var position = layout.Offset;
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = float64
                ? (float)BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(storage.Slice(checked((int)(position * sizeof(double))), sizeof(double))))
                : BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(storage.Slice(checked((int)(position * sizeof(float))), sizeof(float))));
            for (var d = sizes.Length - 1; d >= 0; d--)
            {
                position += steps[d];
                if (++index[d] < sizes[d]) break;
                position -= steps[d] * sizes[d];
                index[d] = 0;
            }
        }
        return values;
    }
}
