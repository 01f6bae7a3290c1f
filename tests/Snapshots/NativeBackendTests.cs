using Xunit;

namespace Functional.Tests.Snapshots;

public sealed class NativeBackendTests
{
    /// <summary>
    /// A copy of the CLI whose libLibTorchSharp.so is not a loadable library (as an unpatched one is on Debian 12), with
    /// an empty NuGet folder so TorchSharp cannot fall back to another copy: the user gets one line, not a trace.
    /// </summary>
    [Fact]
    public void When_the_native_backend_cannot_load_the_CLI_prints_one_line_with_the_cause_and_exits_1()
    {
        var copy = Directory.CreateTempSubdirectory("functional-broken-backend-").FullName;
        var source = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Path.GetFileName(file) == "libLibTorchSharp.so") File.WriteAllText(target, "not a shared library");
            else if (file.Contains(".so")) File.CreateSymbolicLink(target, file);
            else File.Copy(file, target);
        }
        var emptyNuGetFolder = Directory.CreateTempSubdirectory("functional-empty-nuget-").FullName;

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = emptyNuGetFolder };
        var run = CliProcess.RunFrom(Path.Combine(copy, "functional.dll"), environment, "--epochs", "3");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("error: the TorchSharp native backend could not be loaded: ", line);
        Assert.Contains("libLibTorchSharp.so", line);
        Assert.Empty(CliProcess.FilesLeft(run));
    }
}
