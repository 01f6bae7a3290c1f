using System.Diagnostics;
using Functional.Cli.Storage;
using Functional.Formats;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Shell.Storage;

/// <summary>Only a regular file within the size limit is read as a model file; anything else is named for what it is, without blocking.</summary>
public sealed class ModelFileStoreTests
{
    static string Refusal(string path) => ModelFileStore.ReadAllBytes(path).Match(bytes => $"read {bytes.Length} bytes", e => e.Message);

    [Fact]
    public async Task A_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer_forever()
    {
        using var folder = new TempFolder();
        using (var mkfifo = Process.Start("mkfifo", [folder.File("pipe")])) await mkfifo.WaitForExitAsync();
        var reading = Task.Run(() => Refusal(folder.File("pipe")));

        Assert.Same(reading, await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal($"'{folder.File("pipe")}' is a named pipe (FIFO), not a file; a model file must be a regular file", await reading);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void A_device_is_refused_without_reading_from_it(string device) =>
        Assert.Equal($"'{device}' is a device, not a file; a model file must be a regular file", Refusal(device));

    [Fact]
    public void A_folder_is_named_as_a_folder_and_a_missing_path_as_missing()
    {
        using var folder = new TempFolder();
        Assert.Equal($"'{folder.Path}' is a folder, not a model file; give the path of a saved model file", Refusal(folder.Path));
        Assert.Equal($"'{folder.File("none.pt")}' does not exist; give the path of a saved model file", Refusal(folder.File("none.pt")));
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_by_its_size_before_it_is_read_and_one_at_the_limit_is_read()
    {
        using var folder = new TempFolder();
        using (var sparse = File.Create(folder.File("big.pt"))) sparse.SetLength(FormatLimits.MaxFileBytes + 1);
        using (var sparse = File.Create(folder.File("limit.pt"))) sparse.SetLength(FormatLimits.MaxFileBytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("the file is 67,108,865 bytes; model files of up to 67,108,864 bytes (64 MiB) are read", Refusal(folder.File("big.pt")));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the refused file was read");
        Assert.Equal($"read {FormatLimits.MaxFileBytes} bytes", Refusal(folder.File("limit.pt")));
    }
}
