using System.Diagnostics;

namespace Functional.Tests.Snapshots;

public sealed record CliRun(int ExitCode, string Stdout, string Stderr, string WorkingDirectory);

/// <summary>Runs the real CLI in a child process inside a fresh empty folder, as a user would.</summary>
public static class CliProcess
{
    public static string CliAssembly => Path.Combine(AppContext.BaseDirectory, "functional.dll");

    public static CliRun Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    public static CliRun RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunFrom(CliAssembly, environment, args);

    /// <summary>Runs a given copy of the CLI (see NativeBackendTests) to completion.</summary>
    public static CliRun RunFrom(string cliAssembly, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunIn(cliAssembly, Directory.CreateTempSubdirectory("functional-cli-").FullName, environment, args);

    /// <summary>Runs a natively compiled CLI (<see cref="PublishedCli"/>) in <paramref name="folder"/>, as the build's is run.</summary>
    public static CliRun RunNativeIn(string executable, string folder, params string[] args) =>
        Finish(Started(new ProcessStartInfo(executable), folder, new Dictionary<string, string>(), args), folder);

    /// <summary>Runs the CLI again in the folder of an earlier run, as a user's second command.</summary>
    public static CliRun RunIn(string folder, params string[] args) => RunIn(CliAssembly, folder, new Dictionary<string, string>(), args);

    static CliRun RunIn(string cliAssembly, string folder, IReadOnlyDictionary<string, string> environment, string[] args) =>
        Finish(Start(cliAssembly, folder, environment, args), folder);

    static CliRun Finish(Process started, string folder)
    {
        using var process = started;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"), folder);
    }

    /// <summary>
    /// Runs the CLI in <paramref name="folder"/> and watches its peak resident memory (VmHWM, read every 20 ms until it
    /// exits; the kernel keeps the peak, so only a rise in the last 20 ms could go unseen) and how long it took.
    /// </summary>
    public static (CliRun Run, long PeakResidentBytes, TimeSpan Elapsed) RunMeasured(string folder, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(CliAssembly, folder, new Dictionary<string, string>(), args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        while (!process.WaitForExit(20)) peak = Math.Max(peak, PeakResidentBytes(process.Id));
        process.WaitForExit();
        return (new CliRun(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"), folder), peak, clock.Elapsed);
    }

    static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // it has just exited
        }
    }

    /// <summary>The CLI started in <paramref name="folder"/> with stdout and stderr redirected; the caller reads them and waits.</summary>
    public static Process Start(string folder, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(CliAssembly, folder, environment, args);

    static Process Start(string cliAssembly, string folder, IReadOnlyDictionary<string, string> environment, string[] args) =>
        Started(new ProcessStartInfo("dotnet") { ArgumentList = { cliAssembly } }, folder, environment, args);

    static Process Started(ProcessStartInfo start, string folder, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        (start.WorkingDirectory, start.RedirectStandardOutput, start.RedirectStandardError) = (folder, true, true);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>Every file the run left in its folder, relative to it.</summary>
    public static IReadOnlyList<string> FilesLeft(CliRun run) =>
        Directory.EnumerateFiles(run.WorkingDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(run.WorkingDirectory, f)).Order().ToList();
}
