using Functional.Cli.Storage;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Shell;

public sealed class AtomicFileTests
{
    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary_behind()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.pth");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.True(AtomicFile.Write(path, [4, 5]).IsSucc);

        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_failed_write_is_an_error_and_leaves_nothing_half_written()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "missing-folder", "model.pth");

        Assert.True(AtomicFile.Write(path, [1]).IsFail);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
