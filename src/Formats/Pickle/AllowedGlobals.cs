using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>The allow-list of Python globals a state_dict pickle may name; everything else is refused by name.</summary>
/// <remarks>
/// Plain BCL dictionaries on purpose: LanguageExt's <c>Map</c> with default ordering scans every loaded assembly for
/// type-class instances on first use, which costs the CLI most of a second at start-up (TorchSharp is large).
/// </remarks>
internal static class AllowedGlobals
{
    private static readonly IReadOnlyDictionary<string, AllowedGlobal> Allowed = Dictionary(
        ("collections.OrderedDict", AllowedGlobal.OrderedDict),
        ("torch._utils._rebuild_tensor_v2", AllowedGlobal.RebuildTensorV2),
        ("torch._utils._rebuild_parameter", AllowedGlobal.RebuildParameter),
        ("torch.FloatStorage", AllowedGlobal.FloatStorage),
        ("torch.DoubleStorage", AllowedGlobal.DoubleStorage),
        ("torch.ByteStorage", AllowedGlobal.ByteStorage));

    private static readonly IReadOnlyDictionary<string, string> UnsupportedStorageDTypes = Dictionary(
        ("torch.HalfStorage", "float16"),
        ("torch.BFloat16Storage", "bfloat16"),
        ("torch.ComplexFloatStorage", "complex64"),
        ("torch.ComplexDoubleStorage", "complex128"),
        ("torch.LongStorage", "int64"),
        ("torch.IntStorage", "int32"),
        ("torch.ShortStorage", "int16"),
        ("torch.CharStorage", "int8"),
        ("torch.BoolStorage", "bool"),
        ("torch.QInt8Storage", "qint8"),
        ("torch.QUInt8Storage", "quint8"),
        ("torch.QInt32Storage", "qint32"));

    public static Fin<AllowedGlobal> Resolve(string module, string name)
    {
        var qualified = $"{module}.{name}";
        return Find(Allowed, qualified).Match(
            Some: global => Fin<AllowedGlobal>.Succ(global),
            None: () => Find(UnsupportedStorageDTypes, qualified).Match(
                Some: dtype => Fin<AllowedGlobal>.Fail(Error.New(
                    $"tensor dtype {dtype} ({qualified}) is not supported; only float32 and float64 tensors can be read")),
                None: () => Fin<AllowedGlobal>.Fail(Error.New(
                    $"refused to load '{qualified}': a state_dict file may only reference tensors and OrderedDict, and this reader never runs code from a file"))));
    }

    private static IReadOnlyDictionary<string, V> Dictionary<V>(params (string Key, V Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static Option<V> Find<V>(IReadOnlyDictionary<string, V> dictionary, string key) =>
        dictionary.TryGetValue(key, out var value) ? Prelude.Some(value) : Prelude.None;
}
