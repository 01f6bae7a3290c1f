using Functional.Cli.Storage;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Shell.Storage;

/// <summary>What an output path may name before a run starts, and which outputs would be one file.</summary>
public sealed class OutputTargetCheckTests
{
    static string[] Problems(string path) => OutputTargetCheck.Problems(new OutputTarget("--out", path)).Map(e => e.Message).ToArray();

    [Fact]
    public void A_device_node_is_refused_by_what_it_is() =>
        Assert.Equal(["--out '/dev/null' is a device, not a regular file; give the path of a file to create or replace"], Problems("/dev/null"));

    [Fact]
    public void A_named_pipe_is_refused_by_what_it_is()
    {
        using var folder = new TempFolder();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [folder.File("pipe")])) mkfifo.WaitForExit();
        Assert.Contains("is a named pipe (FIFO), not a regular file", Assert.Single(Problems(folder.File("pipe"))));
    }

    [Fact]
    public void A_socket_is_refused_by_what_it_is()
    {
        using var folder = new TempFolder();
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(folder.File("socket")));
        Assert.Contains("is a socket, not a regular file", Assert.Single(Problems(folder.File("socket"))));
    }

    [Fact]
    public void A_regular_file_a_symbolic_link_and_a_new_path_are_fine()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("model.pt"), [1]);
        File.CreateSymbolicLink(folder.File("latest.pt"), "/dev/null");
        Assert.Empty(Problems(folder.File("model.pt")));
        Assert.Empty(Problems(folder.File("latest.pt")));
        Assert.Empty(Problems(folder.File("new/model.pt")));
    }

    [Fact]
    public void Outputs_that_are_one_file_are_refused_however_the_path_is_spelled()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("plots"));
        Directory.CreateDirectory(folder.File("other"));
        Directory.CreateSymbolicLink(folder.File("alias"), folder.File("plots"));
        var plot = new OutputTarget("--plots", folder.File("plots/loss.png"));

        foreach (var same in new[] { "plots/loss.png", "plots/./loss.png", "other/../plots/loss.png", "alias/loss.png" })
            Assert.Single(OutputTargetCheck.Collisions(Prelude.Seq(new OutputTarget("--out", folder.File(same)), plot)));
        Assert.Empty(OutputTargetCheck.Collisions(Prelude.Seq(new OutputTarget("--out", folder.File("plots/loss.pt")), plot)));
        Assert.Empty(OutputTargetCheck.Collisions(Prelude.Seq(new OutputTarget("--out", folder.File("new/folder/loss.png")), plot)));
    }
}
