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
    /// <summary>128 + SIGTERM, for a program asked to stop by <c>kill</c> (or a service manager).</summary>
    public const int Terminated = 143;

    public static bool IsInterruption(int code) => code is Interrupted or Terminated;
}

/// <summary>
/// A command's failures carry their exit code as the error's code, so the one <c>Match</c> at the end of a command
/// knows both what to print and how to exit.
/// </summary>
public static class Exits
{
    public static Error BadInput(Error error) => WithCode(ExitCodes.BadInput, error);

    public static Error Failure(Error error) => WithCode(ExitCodes.Failure, error);

    public static Error Interrupted(string message) => Error.New(ExitCodes.Interrupted, message);

    /// <summary>An interruption by the signal whose exit code is <paramref name="code"/> (130 for SIGINT, 143 for SIGTERM).</summary>
    public static Error Interrupted(int code, string message) => Error.New(code, message);

    public static Fin<A> AsBadInput<A>(this Fin<A> result) => result.Match(Succ: FinSucc, Fail: error => FinFail<A>(BadInput(error)));

    public static Fin<A> AsFailure<A>(this Fin<A> result) => result.Match(Succ: FinSucc, Fail: error => FinFail<A>(Failure(error)));

    public static Seq<Error> Flatten(Error error) => error is ManyErrors many ? many.Errors.Bind(Flatten) : Seq1(error);

    static Error WithCode(int code, Error error)
    {
        var recoded = Flatten(error).Map(e => Error.New(code, e.Message));
        return recoded.Count == 1 ? recoded.Head : Error.Many(recoded);
    }
}

/// <summary>Problems go to stderr as one <c>error:</c> line each (<c>interrupted:</c> for Ctrl+C); the exit code says what kind it was.</summary>
public static class ErrorReport
{
    public static int Write(TextWriter stderr, Error error)
    {
        var errors = Exits.Flatten(error);
        var code = errors.Map(e => e.Code).Find(c => c != 0).IfNone(ExitCodes.Failure);
        foreach (var e in errors) stderr.WriteLine($"{(ExitCodes.IsInterruption(code) ? "interrupted" : "error")}: {e.Message}");
        return code;
    }
}
