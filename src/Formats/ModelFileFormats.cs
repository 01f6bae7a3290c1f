using Functional.Domain.Tensors;
using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using LanguageExt;

namespace Functional.Formats;

/// <summary>Choosing and writing a model file format.</summary>
public static class ModelFileFormats
{
    /// <summary><c>--format</c> wins; otherwise a <c>.safetensors</c> extension picks safetensors and anything else torch.save.</summary>
    public static ModelFileFormat For(string path, Option<ModelFileFormat> requested) =>
        requested.IfNone(() => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? ModelFileFormat.Safetensors : ModelFileFormat.TorchSave);

    /// <summary>The file's bytes; only safetensors has room for the provenance.</summary>
    public static byte[] Write(ModelFileFormat format, StateDict stateDict, IReadOnlyDictionary<string, string> provenance) => format switch
    {
        ModelFileFormat.Safetensors => SafetensorsFormat.Write(stateDict, provenance),
        _ => TorchSaveFormat.Write(stateDict),
    };

    /// <summary>How <c>inspect</c> names a format.</summary>
    public static string Describe(ModelFileFormat format) => format switch
    {
        ModelFileFormat.Safetensors => "safetensors",
        _ => "torch.save (zip + pickle)",
    };

    /// <summary>The short name a run record uses: <c>pt</c> or <c>safetensors</c>.</summary>
    public static string ShortName(ModelFileFormat format) => format == ModelFileFormat.Safetensors ? "safetensors" : "pt";
}
