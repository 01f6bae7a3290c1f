using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Output;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    /// <summary>128 + SIGINT, what shells report for a program stopped by Ctrl+C.</summary>
    public const int Interrupted = 130;
}

/// <summary>Problems go to stderr as one <c>error:</c> line each; the exit code says what kind of problem it was.</summary>
public static class ErrorReport
{
    public static Seq<Error> Flatten(Error error) => error is ManyErrors many ? many.Errors.Bind(Flatten) : Seq1(error);

    public static int Write(TextWriter stderr, Seq<Error> errors, int exitCode)
    {
        foreach (var error in errors.Bind(Flatten)) stderr.WriteLine($"error: {error.Message}");
        return exitCode;
    }

    public static int Write(TextWriter stderr, Error error, int exitCode) => Write(stderr, Seq1(error), exitCode);

    public static void Print(TextWriter writer, Seq<string> lines)
    {
        foreach (var line in lines) writer.WriteLine(line);
    }
}
