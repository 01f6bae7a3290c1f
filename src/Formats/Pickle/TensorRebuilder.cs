using Functional.Domain.Tensors;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Formats.Pickle;

/// <summary>
/// Interprets torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])
/// by copying the addressed elements out of the storage bytes; float64 storages are narrowed to float32 with a note.
/// </summary>
internal sealed class TensorRebuilder(Func<string, Fin<byte[]>> storageBytes)
{
    public Fin<PickleValue> RebuildTensor(Seq<PickleValue> args) => args switch
    {
        [PyStorage storage, PyInt offset, PyTuple shape, PyTuple stride, PyBool, PyDict hooks, ..] when args.Count <= 7 =>
            hooks.Items.Count != 0
                ? Error.New("tensors with backward hooks cannot be loaded")
                : from dims in Ints(shape, "shape")
                  from steps in Ints(stride, "stride")
                  from bytes in storageBytes(storage.Key)
                  from tensor in Materialize(storage, bytes, offset.Value, dims, steps)
                  select tensor,
        _ => Error.New("torch._utils._rebuild_tensor_v2 was called with unexpected arguments"),
    };

    /// <summary>_rebuild_parameter(data, requires_grad, hooks) wraps a tensor as nn.Parameter; the values are all we keep.</summary>
    public static Fin<PickleValue> RebuildParameter(Seq<PickleValue> args) => args switch
    {
        [PyTensor tensor, PyBool, PyDict { Items.Count: 0 }] => tensor,
        _ => Error.New("torch._utils._rebuild_parameter was called with unexpected arguments"),
    };

    private static Fin<PickleValue> Materialize(PyStorage storage, byte[] bytes, long offset, Seq<long> shape, Seq<long> strides)
    {
        var elementSize = storage.DType == StorageDType.Float32 ? sizeof(float) : sizeof(double);
        if (storage.ElementCount < 0 || bytes.LongLength != storage.ElementCount * elementSize)
            return Error.New($"storage '{storage.Key}' holds {bytes.Length} bytes, not {storage.ElementCount} elements of {elementSize} bytes");
        return StorageLayout.StoragePositions(shape, strides, offset, storage.ElementCount).Match(
            None: () => Fin<PickleValue>.Fail(Error.New($"tensor layout (offset {offset}, shape [{string.Join(", ", shape)}], stride [{string.Join(", ", strides)}]) does not fit storage '{storage.Key}' of {storage.ElementCount} elements")),
            Some: positions =>
            {
                var values = storage.DType == StorageDType.Float32
                    ? positions.Select(p => LittleEndianFloats.Float32At(bytes, p)).ToArray()
                    : positions.Select(p => (float)LittleEndianFloats.Float64At(bytes, p)).ToArray();
                var note = storage.DType == StorageDType.Float64
                    ? Some("float64 values were converted to float32")
                    : Option<string>.None;
                return new PyTensor(new ParameterValues(shape, toSeq(values).Strict()), note);
            });
    }

    private static Fin<Seq<long>> Ints(PyTuple tuple, string what) =>
        tuple.Items.ForAll(i => i is PyInt)
            ? tuple.Items.Map(i => ((PyInt)i).Value).Strict()
            : Error.New($"tensor {what} must be a tuple of integers");
}
