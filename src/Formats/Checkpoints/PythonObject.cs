using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Formats.Checkpoints;

/// <summary>
/// The Python objects a checkpoint is made of, as values to pickle: str, int, float, bool, None, list, tuple, dict,
/// a module's state_dict (an OrderedDict with its _metadata), float32 tensors and a uint8 tensor (a generator's state).
/// Nothing callable can be expressed.
/// </summary>
internal abstract record PythonObject
{
    public sealed record Str(string Value) : PythonObject;
    public sealed record Int(long Value) : PythonObject;
    public sealed record Float(double Value) : PythonObject;
    public sealed record Bool(bool Value) : PythonObject;
    public sealed record None : PythonObject;
    public sealed record List(Seq<PythonObject> Items) : PythonObject;
    public sealed record Tuple(Seq<PythonObject> Items) : PythonObject;
    public sealed record Dict(Seq<(PythonObject Key, PythonObject Value)> Items) : PythonObject;
    public sealed record ModuleStateDict(StateDict Values) : PythonObject;

    /// <summary>A float32 tensor; shape () is a 0-d tensor (Adam's step).</summary>
    public sealed record FloatTensor(Seq<long> Shape, Seq<float> Data) : PythonObject;

    /// <summary>A 1-d uint8 tensor.</summary>
    public sealed record ByteTensor(byte[] Data) : PythonObject;

    public static PythonObject Of(string value) => new Str(value);
    public static PythonObject Of(long value) => new Int(value);
    public static PythonObject Of(double value) => new Float(value);
    public static PythonObject Of(bool value) => new Bool(value);
    public static readonly PythonObject NoneValue = new None();

    public static PythonObject DictOf(params (string Key, PythonObject Value)[] items) =>
        new Dict(items.Select(item => (Of(item.Key), item.Value)).ToSeq().Strict());
}
