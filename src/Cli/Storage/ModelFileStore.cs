using Functional.Domain.Tensors;
using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>Model files on disk: chooses the format, creates the folder, writes atomically, reads and recognises.</summary>
public static class ModelFileStore
{
    /// <summary><c>--format</c> wins; otherwise a <c>.safetensors</c> extension picks safetensors and anything else torch.save.</summary>
    public static ModelFileFormat FormatFor(string path, Option<ModelFileFormat> requested) =>
        requested.IfNone(() => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? ModelFileFormat.Safetensors : ModelFileFormat.TorchSave);

    public static Fin<Unit> Save(string path, StateDict stateDict, ModelFileFormat format, IReadOnlyDictionary<string, string> provenance) =>
        CreateFolderFor(path).Bind(_ => AtomicFile.Write(path, format switch
        {
            ModelFileFormat.Safetensors => SafetensorsFormat.Write(stateDict, provenance),
            _ => TorchSaveFormat.Write(stateDict),
        }));

    public static Fin<(ModelFileFormat Format, LoadedStateDict Loaded)> Load(string path, bool allowNonFinite) =>
        from bytes in ReadAllBytes(path)
        from format in NamingFile(path, ModelFile.Detect(bytes))
        from loaded in NamingFile(path, ModelFile.Read(bytes, allowNonFinite))
        select (format, loaded);

    static Fin<A> NamingFile<A>(string path, Fin<A> result) =>
        result.Match(Succ: FinSucc, Fail: e => FinFail<A>(Error.New($"'{path}': {e.Message}")));

    public static string Describe(ModelFileFormat format) => format switch
    {
        ModelFileFormat.Safetensors => "safetensors",
        _ => "torch.save (zip + pickle)",
    };

    /// <summary>As the notebook's <c>MODEL_PATH.mkdir(parents=True, exist_ok=True)</c>.</summary>
    static Fin<Unit> CreateFolderFor(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return FinSucc(unit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<Unit>(Error.New($"cannot create the folder for '{path}': {e.Message}"));
        }
    }

    static Fin<byte[]> ReadAllBytes(string path)
    {
        try
        {
            return File.Exists(path)
                ? FinSucc(File.ReadAllBytes(path))
                : FinFail<byte[]>(Error.New($"'{path}' does not exist; give the path of a saved model file"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<byte[]>(Error.New($"cannot read '{path}': {e.Message}"));
        }
    }
}
