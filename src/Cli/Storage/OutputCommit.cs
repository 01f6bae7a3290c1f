using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>One file a command writes: where (as the user named it) and every byte of it.</summary>
public sealed record OutputFile(string Path, byte[] Bytes);

/// <summary>
/// Writes a command's files together: each goes to a temporary beside its target first, and only when every one is
/// written are they renamed into place. A failure while staging leaves no new file behind.
/// </summary>
public static class OutputCommit
{
    public static Fin<Unit> Write(Seq<OutputFile> files)
    {
        var staged = new List<StagedFile>();
        foreach (var file in files)
        {
            var stagedFile = CreateFolderFor(file.Path).Bind(_ => AtomicFile.Stage(file.Path, file.Bytes));
            if (stagedFile.IsFail)
            {
                staged.ForEach(s => s.Discard());
                return stagedFile.Map(_ => unit);
            }
            stagedFile.IfSucc(staged.Add);
        }
        for (var i = 0; i < staged.Count; i++)
        {
            var committed = staged[i].Commit();
            if (committed.IsFail)
            {
                staged.Skip(i + 1).ToList().ForEach(s => s.Discard());
                return committed;
            }
        }
        return unit;
    }

    /// <summary>As the notebook's <c>MODEL_PATH.mkdir(parents=True, exist_ok=True)</c>.</summary>
    static Fin<Unit> CreateFolderFor(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return unit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error.New($"cannot create the folder for '{path}': {e.Message}");
        }
    }
}
