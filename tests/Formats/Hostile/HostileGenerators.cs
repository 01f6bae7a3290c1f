using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Formats.Hostile;

/// <summary>A torch.save archive built from hostile tensors over a few storages (which tensors may share).</summary>
public sealed record HostileTorchSave(IReadOnlyList<HostileTensor> Tensors, IReadOnlyDictionary<string, byte[]> Storages)
{
    public byte[] Bytes() => HostilePickle.Archive(Tensors, Storages);

    public override string ToString() =>
        $"storages {string.Join(", ", Storages.Select(s => $"{s.Key}: {s.Value.Length} bytes"))}; {Tensors.Count} tensors: " +
        string.Join("; ", Tensors.Take(6)) + (Tensors.Count > 6 ? "; ..." : "");
}

/// <summary>A safetensors file with a generated header (any dtype, shape and offsets) over generated data.</summary>
public sealed record HostileSafetensorsFile(string Header, byte[] Data, int TensorCount)
{
    public byte[] Bytes() => HostileSafetensors.File(Header, Data);

    public override string ToString() => $"{Data.Length} data bytes, header {(Header.Length > 600 ? Header[..600] + "..." : Header)}";
}

/// <summary>
/// Structure-aware generators for hostile model files: the values a format can carry, weighted toward the ones that
/// broke readers (size-1 and zero dimensions, stride 0, dimension counts in the thousands, sizes near 2^31, 2^62 and
/// 2^63, negative numbers, element counts that do not match the bytes, storages shared by many views).
/// </summary>
public static class HostileGenerators
{
    private static readonly long[] AwkwardSizes = [7, 1000, 1 << 20, 1L << 31, 1L << 40, 1L << 62, long.MaxValue, -1, 3_037_000_500];

    public static Gen<long> Dimension =>
        Gen.Frequency(
            (10, Gen.Choose(0, 4).Select(d => (long)d)),
            (4, Gen.Constant(1L)),
            (2, Gen.Elements(AwkwardSizes)));

    public static Gen<long> Stride =>
        Gen.Frequency(
            (4, Gen.Choose(0, 3).Select(s => (long)s)),
            (2, Gen.Constant(0L)),
            (1, Gen.Elements(1L << 40, long.MaxValue, -1L, 1L << 62)));

    /// <summary>Mostly small ranks; sometimes past the limit of 64; sometimes the 12,000 and 100,000 dimensions that overflowed stacks.</summary>
    public static Gen<long[]> Shape =>
        Gen.Frequency(
            (12, Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(Dimension, rank))),
            (3, Gen.Choose(5, 70).SelectMany(rank => Gen.ArrayOf(Gen.Frequency((6, Gen.Constant(1L)), (1, Dimension)), rank))),
            (1, Gen.Elements(12_000, 100_001).Select(rank => Enumerable.Repeat(1L, rank - 1).Append(1L << 20).ToArray())));

    private static Gen<long[]> StridesFor(long[] shape) =>
        Gen.Frequency(
            (5, Gen.Constant(Contiguous(shape))),
            (4, Gen.ArrayOf(Stride, shape.Length)),
            (1, Gen.Choose(0, 3).SelectMany(rank => Gen.ArrayOf(Stride, rank))));

    private static Gen<long> Offset =>
        Gen.Frequency(
            (6, Gen.Constant(0L)),
            (3, Gen.Choose(0, 10).Select(o => (long)o)),
            (1, Gen.Elements(-1L, 1L << 62, long.MaxValue)));

    private static Gen<(string Key, long Elements, bool Float64)> Storage(string key) =>
        from elements in Gen.Frequency((8, Gen.Choose(0, 64).Select(n => (long)n)), (1, Gen.Elements(1000L, 100_000L)))
        from float64 in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select (key, elements, float64);

    private static Gen<HostileTensor> Tensor(int index, IReadOnlyList<(string Key, long Elements, bool Float64)> storages) =>
        from storage in Gen.Frequency((20, Gen.Elements(storages.ToArray())), (1, Gen.Constant(("missing", 0L, false))))
        from declared in Gen.Frequency(
            (8, Gen.Constant(storage.Item2)),
            (1, Gen.Elements(0L, -1L, storage.Item2 + 1, (1L << 62) + 1, (1L << 61) + 1, long.MaxValue)))
        from shape in Shape
        from strides in StridesFor(shape)
        from offset in Offset
        select new HostileTensor($"t{index}", storage.Item1, storage.Item3, declared, offset, shape, strides);

    public static Gen<HostileTorchSave> TorchSave =>
        from storageCount in Gen.Choose(1, 3)
        from storages in Gen.CollectToArray(Enumerable.Range(0, storageCount).Select(i => Storage(i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        from tensorCount in Gen.Frequency((12, Gen.Choose(1, 4)), (1, Gen.Elements(200, 20_000)))
        from tensors in tensorCount <= 4
            ? Gen.CollectToArray(Enumerable.Range(0, tensorCount).Select(i => Tensor(i, storages.ToList())))
            : ManyViews(tensorCount, storages.ToList()).Select(v => v.ToArray())
        select new HostileTorchSave(tensors.ToList(), storages.ToDictionary(
            s => s.Key, s => new byte[s.Elements * (s.Float64 ? 8 : 4)].Also(b => Fill(b))));

    /// <summary>Hundreds or thousands of whole-storage views of the largest storage: PyTorch shares one storage, we copy per view.</summary>
    private static Gen<IEnumerable<HostileTensor>> ManyViews(int count, IReadOnlyList<(string Key, long Elements, bool Float64)> storages)
    {
        var largest = storages.MaxBy(s => s.Elements);
        return Gen.Constant(Enumerable.Range(0, count).Select(i =>
            new HostileTensor($"view{i}", largest.Key, largest.Float64, largest.Elements, 0, [largest.Elements], [1])));
    }

    /// <summary>A safetensors header of up to four entries whose dtypes, shapes and offsets may each be wrong.</summary>
    public static Gen<HostileSafetensorsFile> Safetensors =>
        from count in Gen.Choose(0, 4)
        from entries in Gen.CollectToArray(Enumerable.Range(0, count).Select(SafetensorsEntry))
        from metadata in Gen.Elements("", "\"__metadata__\":{\"format\":\"pt\"},", "\"__metadata__\":{\"x\":1},")
        from extra in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(-4, 4)))
        let tiled = Tile(entries)
        let dataLength = Math.Max(0, Math.Min(tiled.End + extra, 1 << 22))
        select new HostileSafetensorsFile("{" + metadata + string.Join(",", tiled.Entries) + "}", new byte[dataLength].Also(b => Fill(b)), count);

    private static Gen<(string Key, string DType, string[] Shape, long Bytes, bool Consistent)> SafetensorsEntry(int index) =>
        from dtype in Gen.Frequency((6, Gen.Constant("F32")), (2, Gen.Constant("F64")), (1, Gen.Elements("I64", "F16", "", "BOOL")))
        from shape in Gen.Frequency(
            (8, Shape.Select(s => s.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())),
            (1, Gen.Constant(Enumerable.Repeat("18446744073709551617", 2).Concat(Enumerable.Repeat("1", 3)).ToArray())),
            (1, Gen.Constant(WrapsToOne.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())),
            (1, Gen.Elements<string[]>(["1e3"], ["-1"], ["1.5"], ["\"2\""], ["99999999999999999999"])))
        from consistent in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
        from wrongBytes in Gen.Choose(0, 64)
        let size = dtype == "F64" ? 8L : 4L
        let count = ProductOrMinusOne(shape)
        select ($"t{index}", dtype, shape, consistent && count >= 0 && count <= 1 << 20 ? count * size : wrongBytes, consistent);

    /// <summary>Dimensions whose product is 1 modulo 2^128 (found by factoring the inverse of the first one): a reader that
    /// multiplies in wrapping 128-bit arithmetic sees a one-element tensor.</summary>
    public static readonly long[] WrapsToOne = [129944532031, 5, 17, 17, 23, 41, 498882039521563, 303399055320351719, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    private static long ProductOrMinusOne(string[] shape)
    {
        long product = 1;
        foreach (var text in shape)
        {
            if (!long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d) || d < 0) return -1;
            if (d != 0 && product > (1L << 40) / d) return -1;
            product *= d;
        }
        return product;
    }

    private static (List<string> Entries, long End) Tile(IEnumerable<(string Key, string DType, string[] Shape, long Bytes, bool Consistent)> entries)
    {
        var end = 0L;
        var json = new List<string>();
        foreach (var entry in entries)
        {
            json.Add(HostileSafetensors.Entry(entry.Key, entry.DType, entry.Shape, end, end + entry.Bytes));
            end += entry.Bytes;
        }
        return (json, end);
    }

    public static long[] Contiguous(long[] shape)
    {
        var strides = new long[shape.Length];
        var step = 1L;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step = unchecked(step * Math.Max(shape[i], 1));
        }
        return strides;
    }

    private static void Fill(byte[] bytes)
    {
        for (var i = 0; i + 4 <= bytes.Length; i += 4) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i), i / 4 + 0.5f);
    }

    private static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }

    public static Arbitrary<HostileTorchSave> TorchSaveFiles() => TorchSave.ToArbitrary();

    public static Arbitrary<HostileSafetensorsFile> SafetensorsFiles() => Safetensors.ToArbitrary();
}
