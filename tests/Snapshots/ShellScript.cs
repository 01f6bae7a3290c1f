using System.Diagnostics;

namespace Functional.Tests.Snapshots;

/// <summary>
/// Runs the CLI from a POSIX shell, for what a process cannot be given from .NET: a closed stdout, /dev/full, and a
/// private mount namespace (<c>unshare</c>) with a tiny tmpfs or a device node made for the test. Inside a script
/// (nested scripts included), <c>$CLI</c> runs the CLI.
/// </summary>
public static class ShellScript
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string script, string workingDirectory)
    {
        script = script.Replace("$CLI", "dotnet \"$CLI_DLL\"");
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["CLI_DLL"] = CliProcess.CliAssembly;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"));
    }

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    public static string Args(params string[] args) => string.Join(" ", args.Select(Quote));

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>
    /// The command that runs a script in a private mount namespace: as root a plain one (device nodes can be made there),
    /// otherwise inside a user namespace too (tmpfs can be mounted, device nodes cannot).
    /// </summary>
    public static string Unshare => IsRoot ? "unshare --mount --propagation private" : "unshare --user --map-root-user --mount --propagation private";

    /// <summary>Why a private mount namespace with a tmpfs cannot be had here, or null when it can.</summary>
    public static readonly Lazy<string?> WhyNoPrivateMounts = new(() =>
    {
        var probe = Run($"{Unshare} sh -c 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && umount \"$d\"; rmdir \"$d\"'", "/");
        return probe.ExitCode == 0 ? null : $"this kernel or sandbox refuses a private mount namespace with a tmpfs ({probe.Stderr.Trim()})";
    });

    /// <summary>Why a device node cannot be made in a private tmpfs here (only root can), or null when it can.</summary>
    public static readonly Lazy<string?> WhyNoDeviceNodes = new(() =>
    {
        if (WhyNoPrivateMounts.Value is { } reason) return reason;
        var probe = Run($"{Unshare} sh -c 'd=$(mktemp -d) && mount -t tmpfs tmpfs \"$d\" && mknod \"$d/null\" c 1 3; r=$?; umount \"$d\"; rmdir \"$d\"; exit $r'", "/");
        return probe.ExitCode == 0 ? null : $"device nodes cannot be made here (mknod needs root outside a user namespace: {probe.Stderr.Trim()})";
    });
}

/// <summary>A fact skipped, with the reason, where the kernel refuses a private mount namespace with a tmpfs.</summary>
public sealed class RequiresPrivateMountsFactAttribute : Xunit.FactAttribute
{
    public RequiresPrivateMountsFactAttribute()
    {
        if (ShellScript.WhyNoPrivateMounts.Value is { } reason) Skip = reason;
    }
}

/// <summary>A theory skipped, with the reason, where the kernel refuses a private mount namespace with a tmpfs.</summary>
public sealed class RequiresPrivateMountsTheoryAttribute : Xunit.TheoryAttribute
{
    public RequiresPrivateMountsTheoryAttribute()
    {
        if (ShellScript.WhyNoPrivateMounts.Value is { } reason) Skip = reason;
    }
}

/// <summary>A fact skipped, with the reason, where no device node can be made in a private tmpfs.</summary>
public sealed class RequiresDeviceNodesFactAttribute : Xunit.FactAttribute
{
    public RequiresDeviceNodesFactAttribute()
    {
        if (ShellScript.WhyNoDeviceNodes.Value is { } reason) Skip = reason;
    }
}
