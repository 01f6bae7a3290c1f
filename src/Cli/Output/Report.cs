using Functional.Cli.Progress;
using LanguageExt;

namespace Functional.Cli.Output;

/// <summary>
/// What a successful command prints: stdout is the transcript (read lazily: a long run's log comes from its spool), stderr
/// names what was added around it.
/// </summary>
public sealed record Report(IEnumerable<string> Stdout, Seq<string> Stderr)
{
    public int Print(TextWriter stdout, TextWriter stderr) => Print(stdout, stderr, null);

    /// <summary>Prints; a signal stops the printing (the files are already in place) with the signal's exit code.</summary>
    public int Print(TextWriter stdout, TextWriter stderr, Interruption? interruption)
    {
        try
        {
            foreach (var line in Stdout)
            {
                if (interruption is { Requested: true }) return Stopped(stdout, stderr, interruption.ExitCode);
                stdout.WriteLine(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The spooled training log could not be read back (the files are already in place).
            stdout.Flush();
            stderr.WriteLine($"error: the transcript could not be printed in full: {e.Message}");
            return ExitCodes.Failure;
        }
        // stdout is buffered: flushed first, so on a terminal the transcript comes before the lines below it.
        stdout.Flush();
        foreach (var line in Stderr) stderr.WriteLine(line);
        return ExitCodes.Success;
    }

    static int Stopped(TextWriter stdout, TextWriter stderr, int code)
    {
        stdout.Flush();
        stderr.WriteLine("interrupted: the outputs were written; the transcript was not printed in full");
        return code;
    }
}
