namespace Functional.Tests.Shared;

/// <summary>Committed files read where they are committed (found above the test binaries), named by their path in the repository.</summary>
internal static class RepositoryFiles
{
    static readonly Lazy<string> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Functional.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"Functional.sln not found above {AppContext.BaseDirectory}");
    });

    /// <summary>The full path of a file given as its path in the repository, e.g. "tests/Snapshots/Reference/notebook-outputs-cpu.txt".</summary>
    public static string PathOf(string repositoryPath) => Path.Combine(Root.Value, repositoryPath);

    /// <summary>The file's lines, with any line ending and without a trailing empty line.</summary>
    public static string[] Lines(string repositoryPath) =>
        File.ReadAllText(PathOf(repositoryPath)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
