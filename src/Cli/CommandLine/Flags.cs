using System.Globalization;
using ArgumentArity = System.CommandLine.ArgumentArity;

namespace Functional.Cli.CommandLine;

/// <summary>
/// Flags by the kind of value they take. Each reads its text (a number, one of a few words) and says, in our own words,
/// what it expected; whether the value is sensible is for the core's settings check, not for the parser.
/// </summary>
public static class Flags
{
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static Flag<double> Number(string name, string description, double @default) =>
        new(Valued(name, "NUMBER", description), @default, () => Show(@default), () => Show(@default),
            (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            text => $"{name} expects a number such as 0.5, got '{text}'");

    public static Flag<int> WholeNumber(string name, string description, int @default, int example) =>
        new(Valued(name, "N", description), @default, () => Invariant(@default), () => Invariant(@default),
            (string text, out int value) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            text => $"{name} expects a whole number such as {Invariant(example)}, got '{text}'");

    public static Flag<long> LongNumber(string name, string description, long @default) =>
        new(Valued(name, "N", description), @default, () => Invariant(@default), () => Invariant(@default),
            (string text, out long value) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            text => $"{name} expects a whole number such as {Invariant(@default)}, got '{text}'");

    /// <summary>A whole number that may be left out altogether (<paramref name="defaultText"/> says what that means).</summary>
    public static Flag<int?> OptionalWholeNumber(string name, string description, string defaultText, int example) =>
        new(Valued(name, "N", description), null, () => defaultText, () => Invariant(example),
            (string text, out int? value) =>
            {
                var read = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
                value = read ? number : null;
                return read;
            },
            text => $"{name} expects a whole number such as {Invariant(example)}, got '{text}'");

    /// <summary>A number that may be left out altogether (<paramref name="defaultText"/> says what that means).</summary>
    public static Flag<double?> OptionalNumber(string name, string description, string defaultText, double example) =>
        new(Valued(name, "NUMBER", description), null, () => defaultText, () => Show(example),
            (string text, out double? value) =>
            {
                var read = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                value = read ? number : null;
                return read;
            },
            text => $"{name} expects a number such as {Show(example)}, got '{text}'");

    /// <summary>One of a few words, any case; <paramref name="default"/> is the value of one of them.</summary>
    public static Flag<T> Choice<T>(string name, string description, T @default, params (string Text, T Value)[] choices) where T : struct, Enum =>
        Choice(name, Words(choices, "|"), description, @default, choices);

    /// <summary>A choice whose words are too many for the help's first column: <paramref name="helpName"/> stands there and the words follow the description.</summary>
    public static Flag<T> NamedChoice<T>(string name, string helpName, string description, T @default, params (string Text, T Value)[] choices) where T : struct, Enum =>
        Choice(name, helpName, $"{description}: {Words(choices, ", ")}", @default, choices);

    static Flag<T> Choice<T>(string name, string helpName, string description, T @default, (string Text, T Value)[] choices) where T : struct, Enum
    {
        string Shown() => choices.First(c => EqualityComparer<T>.Default.Equals(c.Value, @default)).Text;
        return new(Valued(name, helpName, description), @default, Shown, Shown,
            (string text, out T value) => Lookup(choices, text, out value),
            text => $"{name} must be one of {Words(choices, ", ")}, got '{text}'");
    }

    /// <summary>One of a few words, or nothing: <paramref name="defaultText"/> says what nothing means.</summary>
    public static Flag<T?> OptionalChoice<T>(string name, string description, string defaultText, params (string Text, T Value)[] choices) where T : struct, Enum =>
        new(Valued(name, Words(choices, "|"), description), null, () => defaultText, () => choices[0].Text,
            (string text, out T? value) =>
            {
                var read = Lookup(choices, text, out var found);
                value = read ? found : null;
                return read;
            },
            text => $"{name} must be one of {Words(choices, ", ")}, got '{text}'");

    public static Flag<string> Text(string name, string helpName, string description, string @default) =>
        new(Valued(name, helpName, description), @default, () => @default, () => @default,
            (string text, out string value) =>
            {
                value = text;
                return true;
            },
            _ => "");

    /// <summary>A text that may be left out (the empty text then); <paramref name="defaultText"/> says what leaving it out means.</summary>
    public static Flag<string> OptionalText(string name, string helpName, string description, string defaultText, string example) =>
        new(Valued(name, helpName, description), "", () => defaultText, () => example,
            (string text, out string value) =>
            {
                value = text;
                return true;
            },
            _ => "");

    /// <summary>Names separated by commas (<c>--features sqft,rooms</c>), each trimmed; none when the flag is absent.</summary>
    public static Flag<string[]?> Names(string name, string helpName, string description, string defaultText, string example) =>
        new(Valued(name, helpName, description), null, () => defaultText, () => example,
            (string text, out string[]? value) =>
            {
                value = text.Split(',').Select(part => part.Trim()).ToArray();
                return value.All(part => part.Length > 0);
            },
            text => $"{name} expects column names separated by commas, such as {example}, got '{text}'");

    /// <summary>Several numbers after one flag (<c>--x 0.5 0.9</c>).</summary>
    public static ListFlag<float> Numbers(string name, string helpName, string description, string defaultText, string example) =>
        new(new System.CommandLine.Option<string[]>(name)
            {
                Description = description,
                HelpName = helpName,
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = true,
            },
            defaultText, example,
            (string text, out float value) => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            text => $"{name} expects numbers such as 0.5, got '{text}'");

    /// <summary>A flag given alone (<c>--no-plots</c>), taking no value.</summary>
    public static Switch Switch(string name, string description, string defaultText) =>
        new(new System.CommandLine.Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero }, defaultText);

    static System.CommandLine.Option<string> Valued(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };

    static bool Lookup<T>((string Text, T Value)[] choices, string text, out T value)
    {
        foreach (var choice in choices)
        {
            if (choice.Text != text.ToLowerInvariant()) continue;
            value = choice.Value;
            return true;
        }
        value = default!;
        return false;
    }

    static string Words<T>((string Text, T Value)[] choices, string separator) => string.Join(separator, choices.Select(c => c.Text));

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
