using System.Globalization;
using System.Text.RegularExpressions;
using Functional.Cli.Native;

namespace Functional.Cli.Storage;

/// <summary>
/// Every temporary file this program makes (staged outputs, backups of replaced files, the spooled training log) is
/// named <c>.functional-tmp-&lt;pid&gt;-&lt;guid&gt;</c> in the folder it belongs to: hidden, recognisable, and
/// carrying the id of the process that made it. A run killed outright (SIGKILL, a power cut) cannot remove its own;
/// the next run that writes to the same folder removes those whose process is gone. Every such file is redundant by
/// construction (a target always holds a complete old or new content), so removing it never loses data.
/// </summary>
public static partial class TemporaryFiles
{
    public const string Prefix = ".functional-tmp-";

    /// <summary>A fresh temporary name in <paramref name="folder"/>, owned by this process.</summary>
    public static string NewIn(string folder) =>
        Path.Combine(folder, $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");

    /// <summary>The process that made <paramref name="fileName"/>, if it is one of our temporary names.</summary>
    public static int? OwnerOf(string fileName) =>
        Pattern().Match(fileName) is { Success: true } match && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;

    /// <summary>Removes the temporaries in <paramref name="folder"/> left by processes that no longer exist; best effort.</summary>
    public static void RemoveStaleIn(string folder)
    {
        try
        {
            if (!Directory.Exists(folder)) return;
            foreach (var path in Directory.EnumerateFileSystemEntries(folder, Prefix + "*"))
            {
                if (OwnerOf(Path.GetFileName(path)) is not { } pid || pid == Environment.ProcessId || Posix.ProcessExists(pid)) continue;
                TryDelete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed holds nothing we could remove anyway.
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for a later run; its name still says what it is.
        }
    }

    [GeneratedRegex(@"^\.functional-tmp-(\d+)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
