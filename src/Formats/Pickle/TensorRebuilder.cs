using System.Globalization;
using Functional.Domain.Tensors;
using Functional.Domain.Text;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Formats.Pickle;

/// <summary>
/// Interprets torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])
/// by copying the addressed elements out of the storage bytes; float64 storages are narrowed to float32 with a note.
/// Every tensor's elements are taken from the file's <see cref="ElementBudget"/> before they are allocated.
/// </summary>
internal sealed class TensorRebuilder(Func<string, Fin<ReadOnlyMemory<byte>>> storageBytes, ElementBudget budget)
{
    private int rebuilt;

    public Fin<PickleValue> RebuildTensor(Seq<PickleValue> args) => args switch
    {
        _ when ++rebuilt > FormatLimits.MaxTensors =>
            Error.New($"the file holds more than {FormatLimits.MaxTensors.ToString("N0", CultureInfo.InvariantCulture)} tensors (see Limits in the README)"),
        [PyStorage storage, PyInt offset, PyTuple shape, PyTuple stride, PyBool, PyDict hooks, ..] when args.Count <= 7 =>
            hooks.Items.Count != 0
                ? Error.New("tensors with backward hooks cannot be loaded")
                : from dims in Ints(shape, "shape")
                  from steps in Ints(stride, "stride")
                  from bytes in storageBytes(storage.Key)
                  from length in StorageLength(storage, bytes.Length)
                  from count in budget.Take(dims)
                  from layout in StorageLayout.Check(dims, steps, offset.Value, length, count)
                  select Materialize(storage, bytes, layout),
        _ => Error.New("torch._utils._rebuild_tensor_v2 was called with unexpected arguments"),
    };

    /// <summary>_rebuild_parameter(data, requires_grad, hooks) wraps a tensor as nn.Parameter; the values are all we keep.</summary>
    public static Fin<PickleValue> RebuildParameter(Seq<PickleValue> args) => args switch
    {
        [PyTensor tensor, PyBool, PyDict { Items.Count: 0 }] => tensor,
        _ => Error.New("torch._utils._rebuild_parameter was called with unexpected arguments"),
    };

    /// <summary>The storage's element count, which the pickle states and the bytes must match (compared without multiplying).</summary>
    private static Fin<long> StorageLength(PyStorage storage, int byteCount)
    {
        var elementSize = ElementSize(storage.DType);
        return storage.ElementCount >= 0 && byteCount % elementSize == 0 && storage.ElementCount == byteCount / elementSize
            ? storage.ElementCount
            : Error.New($"storage '{Echo.Text(storage.Key)}' holds {byteCount.ToString(CultureInfo.InvariantCulture)} bytes, not " +
                        $"{storage.ElementCount.ToString(CultureInfo.InvariantCulture)} elements of {elementSize} bytes");
    }

    private static PickleValue Materialize(PyStorage storage, ReadOnlyMemory<byte> bytes, StridedLayout layout)
    {
        var float64 = storage.DType == StorageDType.Float64;
        var values = StorageLayout.Gather(layout, bytes.Span, float64);
        var note = float64 ? Some("float64 values were converted to float32") : Option<string>.None;
        return new PyTensor(new ParameterValues(toSeq(layout.Shape).Strict(), toSeq(values).Strict()), note);
    }

    private static int ElementSize(StorageDType dtype) => dtype == StorageDType.Float32 ? sizeof(float) : sizeof(double);

    /// <summary>The dimension count is checked before the integers are gathered: a tuple of 100,000 sizes stops here.</summary>
    private static Fin<long[]> Ints(PyTuple tuple, string what)
    {
        if (tuple.Items.Count > FormatLimits.MaxDimensions)
            return Error.New($"a tensor {what} has {tuple.Items.Count.ToString(CultureInfo.InvariantCulture)} dimensions; at most {FormatLimits.MaxDimensions} are supported");
        var ints = new long[tuple.Items.Count];
        for (var i = 0; i < ints.Length; i++)
        {
            if (tuple.Items[i] is not PyInt value) return Error.New($"tensor {what} must be a tuple of integers");
            ints[i] = value.Value;
        }
        return ints;
    }
}
