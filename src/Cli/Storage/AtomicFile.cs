using LanguageExt;
using LanguageExt.Common;

namespace Functional.Cli.Storage;

/// <summary>
/// Replaces a file so that readers see either the old or the new content, never a torn write:
/// the bytes go to a temporary file in the same folder (rename is only atomic within one file system),
/// are flushed to disk, and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static Fin<Unit> Write(string path, byte[] bytes)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
            return Unit.Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            TryDelete(temporary);
            return Error.New($"could not write '{path}': {e.Message}");
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed; a leftover .tmp is harmless and its name says what it is.
        }
    }
}
