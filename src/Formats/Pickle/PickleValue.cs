using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>The only kinds of Python object the restricted unpickler can build; nothing here can run code.</summary>
internal abstract record PickleValue
{
    public abstract string PythonTypeName { get; }
}

internal sealed record PyString(string Value) : PickleValue
{
    public override string PythonTypeName => "str";
}

internal sealed record PyInt(long Value) : PickleValue
{
    public override string PythonTypeName => "int";
}

internal sealed record PyFloat(double Value) : PickleValue
{
    public override string PythonTypeName => "float";
}

/// <summary>A list; filled in place by APPEND(S).</summary>
internal sealed record PyList(List<PickleValue> Items) : PickleValue
{
    public override string PythonTypeName => "list";
}

/// <summary>A 1-d uint8 tensor (a generator's state in a checkpoint).</summary>
internal sealed record PyByteTensor(byte[] Values) : PickleValue
{
    public override string PythonTypeName => "torch.ByteTensor";
}

internal sealed record PyBool(bool Value) : PickleValue
{
    public override string PythonTypeName => "bool";
}

internal sealed record PyNone : PickleValue
{
    public override string PythonTypeName => "NoneType";
}

internal sealed record PyTuple(Seq<PickleValue> Items) : PickleValue
{
    public override string PythonTypeName => "tuple";
}

/// <summary>dict or OrderedDict; filled in place by SETITEM(S), as the pickle machine requires.</summary>
internal sealed record PyDict(bool Ordered, List<(PickleValue Key, PickleValue Value)> Items) : PickleValue
{
    public override string PythonTypeName => Ordered ? "collections.OrderedDict" : "dict";
}

internal sealed record PyGlobal(AllowedGlobal Global) : PickleValue
{
    public override string PythonTypeName => "type";
}

internal sealed record PyStorage(StorageDType DType, string Key, long ElementCount) : PickleValue
{
    public override string PythonTypeName => "torch.storage";
}

internal sealed record PyTensor(ParameterValues Values, Option<string> Note) : PickleValue
{
    public override string PythonTypeName => "torch.Tensor";
}

/// <summary>The MARK sentinel on the unpickler's stack.</summary>
internal sealed record PyMark : PickleValue
{
    public override string PythonTypeName => "mark";
}

internal enum StorageDType { Float32, Float64, UInt8 }

internal enum AllowedGlobal { OrderedDict, RebuildTensorV2, RebuildParameter, FloatStorage, DoubleStorage, ByteStorage }
