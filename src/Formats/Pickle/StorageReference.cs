using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>PyTorch's persistent id for a storage: ('storage', torch.FloatStorage, key, location, numel).</summary>
internal static class StorageReference
{
    public static Fin<PickleValue> From(PickleValue persistentId) => persistentId switch
    {
        PyTuple { Items: [PyString { Value: "storage" }, PyGlobal storageType, PyString key, PyString, PyInt numel] } =>
            storageType.Global switch
            {
                AllowedGlobal.FloatStorage => new PyStorage(StorageDType.Float32, key.Value, numel.Value),
                AllowedGlobal.DoubleStorage => new PyStorage(StorageDType.Float64, key.Value, numel.Value),
                AllowedGlobal.ByteStorage => new PyStorage(StorageDType.UInt8, key.Value, numel.Value),
                var other => Error.New($"{other} is not a storage type"),
            },
        _ => Error.New("a persistent id in the pickle is not a PyTorch storage reference"),
    };
}
