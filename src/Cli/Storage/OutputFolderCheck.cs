using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>Checks up front that files can be written in a folder (existing or to be created), without creating anything.</summary>
public static class OutputFolderCheck
{
    public static Seq<Error> Problems(string flag, string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            return Seq1(Error.New($"{flag} needs a folder path"));
        if (File.Exists(Path.GetFullPath(folder)))
            return Seq1(Error.New($"{flag} '{folder}' is a file; give a folder"));
        return OutputPathCheck.FolderProblems(flag, folder, folder);
    }
}
