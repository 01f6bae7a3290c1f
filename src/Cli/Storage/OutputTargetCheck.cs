using Functional.Cli.Native;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>A file a run will write, as the user asked for it: which flag put it there, and its path.</summary>
public sealed record OutputTarget(string Flag, string Path);

/// <summary>
/// Checks, before anything runs, what a run's output paths name now. An existing target must be a regular file (it is
/// replaced) or a symbolic link (the link itself is replaced, as rename(2) replaces it; the file it points to is left as
/// it was). A folder, FIFO, device or socket is refused: run as root, <c>--out /dev/null</c> would otherwise have
/// replaced the device node with a zip file. Two outputs that are one file are refused too.
/// </summary>
public static class OutputTargetCheck
{
    public static Seq<Error> Problems(OutputTarget target) =>
        Posix.Status(target.Path, followLinks: false).Kind switch
        {
            FileKind.Missing or FileKind.Regular or FileKind.SymbolicLink or FileKind.Directory => Seq<Error>(),
            var kind => Seq1(Error.New($"{target.Flag} '{target.Path}' is a {Describe(kind)}, not a regular file; " +
                                       "give the path of a file to create or replace")),
        };

    /// <summary>
    /// Outputs that resolve to one file (say <c>--out plots/loss.png</c> beside the loss plot), compared by the real
    /// path of their folder (symbolic links and <c>..</c> resolved) and their name.
    /// </summary>
    public static Seq<Error> Collisions(Seq<OutputTarget> targets) =>
        targets
            .GroupBy(t => Identity(t.Path), StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => Error.New(
                $"{string.Join(" and ", group.Select(t => $"{t.Flag} '{t.Path}'"))} are the same file; give each output its own path"))
            .ToSeq()
            .Strict();

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.NamedPipe => "named pipe (FIFO)",
        FileKind.CharacterDevice or FileKind.BlockDevice => "device",
        FileKind.Socket => "socket",
        FileKind.Directory => "folder",
        _ => "special file",
    };

    /// <summary>The path with its folder's symbolic links resolved; the last part is kept, since a link there is replaced, not followed.</summary>
    static string Identity(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? full;
        return Path.Combine(RealFolder(folder), Path.GetFileName(full));
    }

    /// <summary>The nearest existing ancestor with its links resolved, and the parts below it that do not exist yet.</summary>
    static string RealFolder(string folder)
    {
        var rest = new Stack<string>();
        var existing = folder;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }
        var resolved = Posix.RealPath(existing) ?? existing;
        while (rest.Count > 0) resolved = Path.Combine(resolved, rest.Pop());
        return resolved;
    }
}
