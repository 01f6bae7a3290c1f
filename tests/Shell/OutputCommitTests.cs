using Functional.Cli.Storage;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Shell;

/// <summary>A command's files are staged beside their targets and renamed into place only once all are written.</summary>
public sealed class OutputCommitTests
{
    [Fact]
    public void Writes_every_file_creating_folders_and_leaves_no_temporary_behind()
    {
        using var folder = new TempFolder();
        var files = Prelude.Seq(new OutputFile(folder.File("models/a.pt"), [1]), new OutputFile(folder.File("plots/b.png"), [2, 3]));

        Assert.True(OutputCommit.Write(files).IsSucc);

        Assert.Equal(["models/a.pt", "plots/b.png"],
            Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.Path, f)).Order());
        Assert.Equal(new byte[] { 2, 3 }, File.ReadAllBytes(folder.File("plots/b.png")));
    }

    [Fact]
    public void When_one_file_cannot_be_written_none_is_and_the_earlier_content_stays()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("model.pt"), [9]);
        File.WriteAllBytes(folder.File("plots"), [0]); // a file where the plots folder should go
        var files = Prelude.Seq(new OutputFile(folder.File("model.pt"), [1]), new OutputFile(folder.File("plots/b.png"), [2]));

        Assert.True(OutputCommit.Write(files).IsFail);

        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(folder.File("model.pt")));
        Assert.Equal(["model.pt", "plots"], Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName).Order());
    }
}
