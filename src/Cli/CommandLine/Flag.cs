using System.CommandLine.Parsing;
using ParseResult = System.CommandLine.ParseResult;

namespace Functional.Cli.CommandLine;

/// <summary>Reads a flag's text as a value; false when the text is not one.</summary>
public delegate bool TryRead<T>(string text, out T value);

/// <summary>A flag as --help and the error messages show it, and what it makes of the text it was given.</summary>
public interface IFlag
{
    System.CommandLine.Option Option { get; }

    /// <summary>What the flag is when it is not given, as --help prints it.</summary>
    string DefaultText { get; }

    /// <summary>A value to show after "e.g." when the flag is given without one.</summary>
    string Example { get; }

    /// <summary>Each value given to this flag that does not read as what the flag takes, in our words.</summary>
    IReadOnlyList<string> ProblemsIn(ParseResult parse);
}

/// <summary>
/// A flag taking one value. System.CommandLine sees only text (so it knows the syntax: names, values, subcommands);
/// turning the text into a number or a choice, and saying what was expected, is ours.
/// </summary>
public sealed class Flag<T>(System.CommandLine.Option<string> option, T @default, Func<string> defaultText, Func<string> example, TryRead<T> read,
    Func<string, string> problem) : IFlag
{
    public System.CommandLine.Option Option => option;

    // Written out only for --help or an error: formatting numbers costs start-up time every run would pay.
    public string DefaultText => defaultText();

    public string Example => example();

    /// <summary>The value given, or the default when the flag is absent or its value did not read (that is reported on its own).</summary>
    public T ValueIn(ParseResult parse) => ValueIn(parse, @default);

    /// <summary>The value given, or <paramref name="fallback"/> (a replayed run's value, say) when there is none that reads.</summary>
    public T ValueIn(ParseResult parse, T fallback) => TextIn(parse) is { } text && read(text, out var value) ? value : fallback;

    public IReadOnlyList<string> ProblemsIn(ParseResult parse) =>
        TextIn(parse) is { } text && !read(text, out _) ? new[] { problem(text) } : Array.Empty<string>();

    string? TextIn(ParseResult parse) => parse.GetResult(option) is { Tokens.Count: > 0 } result ? result.Tokens[^1].Value : null;
}

/// <summary>A flag given alone (<c>--no-plots</c>): on when present.</summary>
public sealed class Switch(System.CommandLine.Option<bool> option, string defaultText) : IFlag
{
    public System.CommandLine.Option Option => option;

    public string DefaultText => defaultText;

    public string Example => "";

    public bool ValueIn(ParseResult parse) => parse.GetResult(option) is { Implicit: false };

    /// <summary>On when given, else <paramref name="fallback"/>: a switch can turn on what a replayed run had off, not the reverse.</summary>
    public bool ValueIn(ParseResult parse, bool fallback) => ValueIn(parse) || fallback;

    public IReadOnlyList<string> ProblemsIn(ParseResult parse) => Array.Empty<string>();
}

/// <summary>A flag taking several values at once (<c>--x 0.5 0.9</c>).</summary>
public sealed class ListFlag<T>(System.CommandLine.Option<string[]> option, string defaultText, string example, TryRead<T> read, Func<string, string> problem)
    : IFlag
{
    public System.CommandLine.Option Option => option;

    public string DefaultText => defaultText;

    public string Example => example;

    /// <summary>The values that read, or nothing when the flag is absent.</summary>
    public T[]? ValuesIn(ParseResult parse) =>
        TextsIn(parse)?.Select(text => read(text, out var value) ? (true, value) : (false, value)).Where(v => v.Item1).Select(v => v.Item2).ToArray();

    public IReadOnlyList<string> ProblemsIn(ParseResult parse) =>
        (TextsIn(parse) ?? Array.Empty<string>()).Where(text => !read(text, out _)).Select(problem).ToList();

    IReadOnlyList<string>? TextsIn(ParseResult parse) =>
        parse.GetResult(option) is { Implicit: false } result ? result.Tokens.Select(token => token.Value).ToList() : null;
}
