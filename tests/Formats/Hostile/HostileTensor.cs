namespace Functional.Tests.Formats.Hostile;

/// <summary>
/// One <c>_rebuild_tensor_v2</c> call as a hostile pickle may write it: any storage key, any declared element count,
/// any offset, shape and strides (negative, huge, mismatched in length), float32 or float64 storage.
/// </summary>
public sealed record HostileTensor(string Key, string StorageKey, bool Float64, long DeclaredElements, long Offset, long[] Shape, long[] Strides)
{
    public override string ToString() =>
        $"{Key} -> storage {StorageKey} ({(Float64 ? "f64" : "f32")}, declares {DeclaredElements}), offset {Offset}, " +
        $"shape [{Shorten(Shape)}], stride [{Shorten(Strides)}]";

    private static string Shorten(long[] values) =>
        values.Length <= 10 ? string.Join(", ", values) : string.Join(", ", values.Take(10)) + $", ... ({values.Length} dims)";
}
