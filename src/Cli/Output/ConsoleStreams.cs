using System.Text;
using Functional.Cli.Native;

namespace Functional.Cli.Output;

/// <summary>
/// The process's stdout and stderr, opened so that their failures are exit codes, never stack traces:
/// <list type="bullet">
/// <item>A stream closed at start (<c>&gt;&amp;-</c>) is never written: a number left free is pointed at /dev/null at once,
/// so no file this program opens can take it and receive the transcript; a number the .NET runtime already took for a
/// pipe of its own is left alone. A closed stdout is bad input: one error line (if stderr works), exit code 2, before
/// anything runs or is written. With stderr closed the command runs; only its exit code tells how it went.</item>
/// <item>A write that fails later (<c>&gt; /dev/full</c>, an I/O error) makes a successful command exit with 1, with one
/// error line on stderr if it was stdout that failed. Files already committed stay: they are complete.</item>
/// <item>A reader that closes the pipe early (<c>| head</c>) is not an error: .NET drops what it can no longer deliver,
/// and the exit code is the command's own (0 for a run that succeeded).</item>
/// </list>
/// stdout is buffered (a transcript can have millions of lines) and flushed before anything goes to stderr after it.
/// </summary>
public static class ConsoleStreams
{
    const int StandardOutput = 1;
    const int StandardError = 2;

    public static int Run(Func<TextWriter, TextWriter, int> command)
    {
        var stdoutState = Posix.CheckStandardStream(StandardOutput);
        var stderrState = Posix.CheckStandardStream(StandardError);
        if (stdoutState == StandardStream.Closed) Posix.PointAtDevNull(StandardOutput);
        if (stderrState == StandardStream.Closed) Posix.PointAtDevNull(StandardError);

        using var stdout = new GuardedWriter(stdoutState == StandardStream.Usable ? Open(Console.OpenStandardOutput(), autoFlush: false) : TextWriter.Null);
        using var stderr = new GuardedWriter(stderrState == StandardStream.Usable ? Open(Console.OpenStandardError(), autoFlush: true) : TextWriter.Null);
        if (stdoutState != StandardStream.Usable)
        {
            stderr.WriteLine("error: standard output is closed, so nothing could be printed; run again with stdout open (e.g. > output.txt)");
            return ExitCodes.BadInput;
        }

        var code = command(stdout, stderr);
        stdout.Flush();
        if (stdout.Failure is { } failed)
        {
            stderr.WriteLine($"error: could not write to standard output: {failed.Message}");
            return code == ExitCodes.Success ? ExitCodes.Failure : code;
        }
        return stderr.Failure is not null && code == ExitCodes.Success ? ExitCodes.Failure : code;
    }

    static TextWriter Open(Stream stream, bool autoFlush) =>
        new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = autoFlush, NewLine = "\n" };
}
