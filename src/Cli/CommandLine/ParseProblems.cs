using System.CommandLine;
using System.CommandLine.Parsing;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.CommandLine;

/// <summary>
/// Everything the parser found wrong, one line each in our own words, in the order the user typed it: unknown flags
/// and stray words (an unknown flag's value is not a second problem), values that did not read, flags missing their value.
/// </summary>
public static class ParseProblems
{
    public static Seq<Error> Of(ParseResult result, IReadOnlyList<string> args, IReadOnlyList<IFlag> flags)
    {
        // The usual case, a clean command line, costs one look at each flag given (this runs before every run starts).
        if (result.Errors.All(IsAboutTheCommand) && result.UnmatchedTokens.Count == 0 && NoFlagProblems(result, flags))
            return Seq<Error>();
        var examples = flags.ToDictionary(flag => flag.Option, flag => flag.Example);
        var problems = Unmatched(result.UnmatchedTokens, args)
            .Concat(result.Errors
                .Where(error => !IsAboutTheCommand(error))
                .Select(error => new Problem(PositionOf(error.SymbolResult, args), Describe(error, examples))))
            .Concat(flags.SelectMany(flag => flag.ProblemsIn(result).Select(problem => new Problem(PositionOf(flag.Option, args), problem))));
        return toSeq(problems
                .OrderBy(problem => problem.Position)
                .Select(problem => problem.Message)
                .Distinct()
                .Select(Error.New))
            .Strict();
    }

    static IEnumerable<Problem> Unmatched(IReadOnlyList<string> unmatched, IReadOnlyList<string> args)
    {
        var (cursor, previousFlagAt) = (0, -2);
        foreach (var token in unmatched)
        {
            var found = IndexOf(args, token, cursor);
            var position = found < 0 ? cursor : found;
            cursor = position + 1;
            if (!LooksLikeFlag(token) && position == previousFlagAt + 1)
            {
                previousFlagAt = -2;
                continue;
            }
            if (LooksLikeFlag(token))
            {
                previousFlagAt = token.Contains('=') ? -2 : position;
                yield return new Problem(position, $"unknown option '{token.Split('=')[0]}'; run with --help to list the options");
            }
            else
            {
                yield return new Problem(position, $"unexpected argument '{token}'; options are written --name value (see --help)");
            }
        }
    }

    sealed record Problem(int Position, string Message);

    /// <summary>Errors on a command are about unmatched tokens (reported on their own) or a missing subcommand (train is the default).</summary>
    static bool IsAboutTheCommand(ParseError error) => error.SymbolResult is CommandResult;

    static bool NoFlagProblems(ParseResult result, IReadOnlyList<IFlag> flags)
    {
        foreach (var flag in flags)
        {
            // Only a flag that was given can have a problem; asking only those keeps the others' code from being compiled.
            if (result.GetResult(flag.Option) is { Implicit: false } && flag.ProblemsIn(result).Count > 0) return false;
        }
        return true;
    }

    static string Describe(ParseError error, IReadOnlyDictionary<Option, string> examples) => OptionOf(error.SymbolResult) switch
    {
        { Tokens.Count: 0, IdentifierTokenCount: > 0 } option =>
            $"{option.Option.Name} needs a value, e.g. {option.Option.Name} {examples.GetValueOrDefault(option.Option, "")}".TrimEnd(),
        { IdentifierTokenCount: > 1 } option when option.Option.Arity.MaximumNumberOfValues == 1 =>
            $"{option.Option.Name} is given {option.IdentifierTokenCount} times; give it once",
        _ => error.Message,
    };

    static OptionResult? OptionOf(SymbolResult? result) => result as OptionResult ?? result?.Parent as OptionResult;

    static int PositionOf(SymbolResult? result, IReadOnlyList<string> args) =>
        OptionOf(result) is { } option ? PositionOf(option.Option, args) : args.Count;

    static int PositionOf(Option option, IReadOnlyList<string> args) =>
        Math.Max(0, args.ToList().FindIndex(arg => arg == option.Name || arg.StartsWith(option.Name + "=", StringComparison.Ordinal)));

    /// <summary>A negative number such as <c>-1</c> is a value, not a flag.</summary>
    static bool LooksLikeFlag(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) || (token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]) && token[1] != '.');

    static int IndexOf(IReadOnlyList<string> args, string token, int from)
    {
        for (var i = from; i < args.Count; i++)
            if (args[i] == token) return i;
        return -1;
    }
}
