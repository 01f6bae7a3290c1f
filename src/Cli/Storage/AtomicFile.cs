using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>A file's new content, flushed to a temporary beside it and not yet in place.</summary>
public sealed record StagedFile(string Temporary, string Target, string ShownPath)
{
    /// <summary>The rename that puts the content in place: atomic, since both names are in one folder.</summary>
    public Fin<Unit> Commit()
    {
        try
        {
            File.Move(Temporary, Target, overwrite: true);
            return unit;
        }
        catch (Exception e) when (AtomicFile.IsFileProblem(e))
        {
            Discard();
            return Error.New($"could not write '{ShownPath}': {e.Message}");
        }
    }

    public void Discard()
    {
        try
        {
            File.Delete(Temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed; a leftover .tmp is harmless and its name says what it is.
        }
    }
}

/// <summary>
/// Replaces a file so that readers see either the old or the new content, never a torn write:
/// the bytes go to a temporary file in the same folder (rename is only atomic within one file system),
/// are flushed to disk, and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static Fin<Unit> Write(string path, byte[] bytes) => Stage(path, bytes).Bind(staged => staged.Commit());

    public static Fin<StagedFile> Stage(string path, byte[] bytes)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        var staged = new StagedFile(Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp"), fullPath, path);
        try
        {
            using (var stream = new FileStream(staged.Temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            return staged;
        }
        catch (Exception e) when (IsFileProblem(e))
        {
            staged.Discard();
            return Error.New($"could not write '{path}': {e.Message}");
        }
    }

    internal static bool IsFileProblem(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;
}
