using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>Checks up front that a file can be created at a path, without creating anything.</summary>
public static class OutputPathCheck
{
    public static Seq<Error> Problems(string flag, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return Seq1(Error.New($"{flag} needs a file path"));
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            return Seq1(Error.New($"{flag} '{path}' is a folder; give a file path such as {Path.Combine(path, "model.pt")}"));
        var target = OutputTargetCheck.Problems(new OutputTarget(flag, path));
        return target.IsEmpty ? FolderProblems(flag, path, Path.GetDirectoryName(full) ?? full) : target;
    }

    /// <summary>
    /// Whether files can be created in <paramref name="folder"/>, existing or to be created: every existing ancestor must be
    /// a folder, and the nearest one writable. <paramref name="shown"/> is the path as the user gave it.
    /// </summary>
    public static Seq<Error> FolderProblems(string flag, string shown, string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                return Seq1(Error.New($"{flag} '{shown}' cannot be written: '{existing}' is a file, not a folder"));
            existing = Path.GetDirectoryName(existing) ?? "/";
        }
        return CanCreateFileIn(existing)
            ? Empty
            : Seq1(Error.New($"{flag} '{shown}' cannot be written: no permission to write in '{existing}'; choose a writable path"));
    }

    static bool CanCreateFileIn(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
