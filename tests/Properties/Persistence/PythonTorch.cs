using System.Diagnostics;

namespace Functional.Tests.Properties.Persistence;

/// <summary>Runs Debian's python3 with PyTorch, the reference implementation these tests compare against.</summary>
internal static class PythonTorch
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> UnavailableReason = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        var probe = Run("import torch", []);
        return probe.ExitCode == 0 ? null : $"{Python} cannot import torch: {probe.Stderr.Trim()}";
    });

    public static string? WhyUnavailable => UnavailableReason.Value;

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr);
    }

    public static string RunOk(string script, params string[] arguments)
    {
        var result = Run(script, arguments);
        Xunit.Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }
}

/// <summary>A fact that is reported as skipped, with the reason, when python3 with torch is missing.</summary>
public sealed class RequiresPyTorchFactAttribute : Xunit.FactAttribute
{
    public RequiresPyTorchFactAttribute()
    {
        if (PythonTorch.WhyUnavailable is { } reason) Skip = $"PyTorch reference unavailable: {reason}";
    }
}
