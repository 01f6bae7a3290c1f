using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Options;

/// <summary>Checks up front that files can be written in a folder (existing or to be created), without creating anything.</summary>
public static class OutputFolderCheck
{
    public static Seq<Error> Problems(string flag, string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            return Seq1(Error.New($"{flag} needs a folder path"));
        if (File.Exists(Path.GetFullPath(folder)))
            return Seq1(Error.New($"{flag} '{folder}' is a file; give a folder"));
        // A file inside the folder has the same needs as any output file: every existing ancestor a folder, the nearest writable.
        return OutputPathCheck.Problems(flag, Path.Combine(folder, "probe")).Map(e => Error.New(e.Message.Replace(Path.Combine(folder, "probe"), folder)));
    }
}
