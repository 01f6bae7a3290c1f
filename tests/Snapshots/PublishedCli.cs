using System.Diagnostics;
using Functional.Tests.Shared;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The CLI as the README publishes it (<c>dotnet publish src/Cli -c Release -r linux-x64</c>: compiled ahead of time to
/// one native executable), built once for the tests that use it. The publish takes a few minutes on two cores.
/// </summary>
public sealed class PublishedCli
{
    static readonly TimeSpan PublishBudget = TimeSpan.FromMinutes(20);

    public string Executable { get; }

    public PublishedCli()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFiles.PathOf(""),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", "src/Cli", "-c", "Release", "-r", "linux-x64", "-nologo" }) start.ArgumentList.Add(arg);
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(PublishBudget))
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish src/Cli -c Release -r linux-x64 took over {PublishBudget.TotalMinutes} minutes");
        }
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish src/Cli -c Release -r linux-x64 failed ({publish.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        Executable = RepositoryFiles.PathOf("src/Cli/bin/Release/net10.0/linux-x64/publish/functional");
        if (!File.Exists(Executable)) throw new FileNotFoundException($"the publish succeeded but left no {Executable}");
    }
}
