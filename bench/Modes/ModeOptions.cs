namespace Functional.Bench.Modes;

/// <summary>"--name value" options after the mode word; anything unknown is an error, not silently ignored.</summary>
public sealed record ModeOptions(IReadOnlyDictionary<string, string> Options)
{
    public static ModeOptions Parse(IEnumerable<string> arguments, params string[] known)
    {
        var options = new Dictionary<string, string>();
        using var each = arguments.GetEnumerator();
        while (each.MoveNext())
        {
            var name = each.Current.TrimStart('-');
            if (!each.Current.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name))
                throw new ArgumentException($"unknown option '{each.Current}'; known: {string.Join(", ", known.Select(k => "--" + k))}");
            if (!each.MoveNext()) throw new ArgumentException($"option '--{name}' needs a value");
            options[name] = each.Current;
        }
        return new ModeOptions(options);
    }

    public int Int(string name, int fallback) =>
        Options.TryGetValue(name, out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => Options.GetValueOrDefault(name, fallback);
}
