using System.Text.Json;
using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Properties.Printing;

/// <summary>The checked-in expectations printed by real PyTorch (see generate_repr_cases.py), read back for the tests.</summary>
internal static class PyTorchReprCases
{
    /// <summary>Where the cases are committed; generate_repr_cases.py beside it writes them under PyTorch.</summary>
    public const string RepositoryPath = "tests/Properties/Printing/repr_cases.json";

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(RepositoryPath))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Section(string name) => Root.GetProperty(name).EnumerateArray();

    public static JsonElement Named(string section, string name) =>
        Section(section).Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> NamesIn(string section) => [.. Section(section).Select(c => c.GetProperty("name").GetString()!)];

    public static float FloatFromBits(JsonElement bits) => BitConverter.UInt32BitsToSingle(bits.GetUInt32());

    public static Seq<long> ShapeOf(JsonElement spec) => spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToSeq().Strict();

    public static ParameterValues FloatValues(JsonElement spec) =>
        new(ShapeOf(spec), spec.GetProperty("bits").EnumerateArray().Select(FloatFromBits).ToSeq().Strict());

    public static Seq<bool> BoolValues(JsonElement spec) => spec.GetProperty("bools").EnumerateArray().Select(b => b.GetBoolean()).ToSeq().Strict();

    /// <summary>The tensor case printed by our code, the way the case describes it.</summary>
    public static string OurRepr(JsonElement spec) =>
        spec.GetProperty("kind").GetString() == "parameter" ? PyTorchRepr.Parameter(FloatValues(spec))
        : spec.GetProperty("dtype").GetString() == "bool"
            ? PyTorchRepr.Tensor(ShapeOf(spec), BoolValues(spec), spec.GetProperty("requires_grad").GetBoolean())
            : PyTorchRepr.Tensor(FloatValues(spec), spec.GetProperty("requires_grad").GetBoolean());

    /// <summary>Rebuilds the Python object tree of a pretty-printing case.</summary>
    public static PythonValue ValueOf(JsonElement node) => node.GetProperty("t").GetString() switch
    {
        "tensor" when node.GetProperty("dtype").GetString() == "bool" =>
            new PythonValue.Leaf(PyTorchRepr.Tensor(ShapeOf(node), BoolValues(node))),
        "tensor" => PythonValue.Tensor(FloatValues(node)),
        "parameter" => PythonValue.Parameter(FloatValues(node)),
        "leaf" => new PythonValue.Leaf(node.GetProperty("text").GetString()!),
        "str" => PythonValue.Str(node.GetProperty("value").GetString()!),
        "int" => PythonValue.Int(node.GetProperty("value").GetInt64()),
        "tuple" => new PythonValue.Tuple(Items(node)),
        "list" => new PythonValue.List(Items(node)),
        "odict" => new PythonValue.OrderedDict(node.GetProperty("entries").EnumerateArray()
            .Select(e => (ValueOf(e[0]), ValueOf(e[1]))).ToSeq().Strict()),
        var other => throw new InvalidDataException($"unknown node type {other}"),
    };

    private static Seq<PythonValue> Items(JsonElement node) => node.GetProperty("items").EnumerateArray().Select(ValueOf).ToSeq().Strict();
}
