using LanguageExt;

namespace Functional.Cli.Output;

/// <summary>What a successful command prints: stdout is the transcript, stderr names what was added around it.</summary>
public sealed record Report(Seq<string> Stdout, Seq<string> Stderr)
{
    public int Print(TextWriter stdout, TextWriter stderr)
    {
        foreach (var line in Stdout) stdout.WriteLine(line);
        foreach (var line in Stderr) stderr.WriteLine(line);
        return ExitCodes.Success;
    }
}
