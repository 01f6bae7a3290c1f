using System.Diagnostics;
using Xunit;

namespace Functional.Tests.Properties.Printing;

/// <summary>A fact that runs only where /usr/bin/python3 can import torch; otherwise it is reported as skipped, with the reason.</summary>
public sealed class RequiresPyTorchFactAttribute : FactAttribute
{
    public RequiresPyTorchFactAttribute()
    {
        if (LivePython.Unavailable("torch") is { } reason) Skip = reason;
    }
}

/// <summary>A fact that needs torch and IPython (Debian: python3-torch, python3-ipython) in /usr/bin/python3.</summary>
public sealed class RequiresIPythonFactAttribute : FactAttribute
{
    public RequiresIPythonFactAttribute()
    {
        if ((LivePython.Unavailable("torch") ?? LivePython.Unavailable("IPython")) is { } reason) Skip = reason;
    }
}

/// <summary>Runs a Python snippet with the system interpreter, feeding stdin and returning stdout.</summary>
internal static class LivePython
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> TorchMissing = new(() => Probe("torch"));
    private static readonly Lazy<string?> IPythonMissing = new(() => Probe("IPython"));

    public static string? Unavailable(string module) => module == "torch" ? TorchMissing.Value : IPythonMissing.Value;

    public static string Run(string script, string input)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"python failed: {stderr.Result}");
        return stdout.Result;
    }

    private static string? Probe(string module)
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} not found; the checked-in repr_cases.json still covers the printers";
        try
        {
            Run($"import {module}", "");
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{Interpreter} cannot import {module} ({e.Message.Trim()}); the checked-in repr_cases.json still covers the printers";
        }
    }
}
