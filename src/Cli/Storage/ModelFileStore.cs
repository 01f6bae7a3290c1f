using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>Model files on disk: reads one and recognises its format from its content.</summary>
public static class ModelFileStore
{
    public static Fin<(ModelFileFormat Format, LoadedStateDict Loaded)> Read(string path, bool allowNonFinite) =>
        from bytes in ReadAllBytes(path)
        from format in NamingFile(path, ModelFile.Detect(bytes))
        from loaded in NamingFile(path, ModelFile.Read(bytes, allowNonFinite))
        select (format, loaded);

    public static Fin<A> NamingFile<A>(string path, Fin<A> result) =>
        result.Match(Succ: FinSucc, Fail: e => FinFail<A>(Error.New($"'{path}': {e.Message}")));

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
