using System.Diagnostics;

namespace Functional.Tests.Shared;

/// <summary>Runs Debian's python3 with PyTorch, the reference implementation our tests compare against.</summary>
internal static class PythonTorch
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> TorchMissing = new(() => Probe("torch"));
    private static readonly Lazy<string?> IPythonMissing = new(() => Probe("IPython"));
    private static readonly Lazy<string?> ScikitLearnMissing = new(() => Probe("sklearn.metrics, pandas"));

    /// <summary>Why torch cannot be used here, or null when it can.</summary>
    public static string? WhyUnavailable => TorchMissing.Value;

    public static string? WhyIPythonUnavailable => IPythonMissing.Value;

    /// <summary>Why scikit-learn and pandas cannot be used here (Debian: python3-sklearn, python3-pandas), or null.</summary>
    public static string? WhyScikitLearnUnavailable => ScikitLearnMissing.Value;

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string script, IEnumerable<string> arguments, string standardInput = "", string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string RunOk(string script, params string[] arguments)
    {
        var result = Run(script, arguments);
        Xunit.Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");
        return result.Stdout;
    }

    private static string? Probe(string module)
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        var probe = Run($"import {module}", []);
        return probe.ExitCode == 0 ? null : $"{Python} cannot import {module}: {probe.Stderr.Trim()}";
    }
}

/// <summary>A fact reported as skipped, with the reason, when python3 with torch is missing (.ci/run installs it).</summary>
public sealed class RequiresPyTorchFactAttribute : Xunit.FactAttribute
{
    public RequiresPyTorchFactAttribute()
    {
        if (PythonTorch.WhyUnavailable is { } reason) Skip = $"PyTorch reference unavailable: {reason}";
    }
}

/// <summary>A fact that needs torch and IPython (Debian: python3-torch, python3-ipython).</summary>
public sealed class RequiresIPythonFactAttribute : Xunit.FactAttribute
{
    public RequiresIPythonFactAttribute()
    {
        if ((PythonTorch.WhyUnavailable ?? PythonTorch.WhyIPythonUnavailable) is { } reason)
            Skip = $"PyTorch/IPython reference unavailable: {reason}";
    }
}

/// <summary>A theory that needs torch and IPython (Debian: python3-torch, python3-ipython).</summary>
public sealed class RequiresIPythonTheoryAttribute : Xunit.TheoryAttribute
{
    public RequiresIPythonTheoryAttribute()
    {
        if ((PythonTorch.WhyUnavailable ?? PythonTorch.WhyIPythonUnavailable) is { } reason) Skip = $"PyTorch/IPython reference unavailable: {reason}";
    }
}

/// <summary>A fact that needs scikit-learn and pandas (Debian: python3-sklearn, python3-pandas; .ci/run installs them).</summary>
public sealed class RequiresScikitLearnFactAttribute : Xunit.FactAttribute
{
    public RequiresScikitLearnFactAttribute()
    {
        if (PythonTorch.WhyScikitLearnUnavailable is { } reason) Skip = $"scikit-learn reference unavailable: {reason}";
    }
}
