using System.Globalization;

namespace Functional.Formats.Csv;

/// <summary>
/// One cell as the float32 a model reads: parsed as float64, then rounded to float32, which is what
/// <c>torch.tensor(df.values, dtype=torch.float32)</c> does to what pandas read. What that cannot make a finite float32
/// of is a problem, in words that say what to do.
/// </summary>
internal static class CellValues
{
    /// <summary>pandas' default markers of a missing value (<c>read_csv</c>'s <c>na_values</c>), read there as NaN.</summary>
    static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal)
    {
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null",
    };

    /// <summary>Longer cell texts are cut in messages: a line names the problem, it does not reproduce the file.</summary>
    const int ShownLength = 40;

    /// <summary>The float32 of a parsed float64, or why there is none (null when it is a usable value).</summary>
    public static string? Problem(bool parsed, double value, ReadOnlySpan<char> text, out float single)
    {
        single = (float)value;
        if (parsed && float.IsFinite(single)) return null;
        if (text.IsEmpty) return "the value is missing; fill it in or remove the row";
        var shown = Shown(text);
        if (!parsed)
            return MissingMarkers.Contains(text.ToString())
                ? $"'{shown}' marks a missing value; fill it in or remove the row"
                : $"'{shown}' is not a number; write numbers with a dot for decimals, e.g. 1.5";
        if (double.IsNaN(value)) return $"'{shown}' is not a number (NaN); fill it in or remove the row";
        if (double.IsInfinity(value)) return $"'{shown}' is infinite; a model reads only finite numbers: fill in a finite value or remove the row";
        return $"{shown} is beyond float32's range (±{float.MaxValue.ToString("R", CultureInfo.InvariantCulture)}) and would become infinite; scale the column down";
    }

    static string Shown(ReadOnlySpan<char> text) =>
        text.Length <= ShownLength ? Escaped(text) : $"{Escaped(text[..ShownLength])}... ({CsvReading.Show(text.Length)} characters)";

    static string Escaped(ReadOnlySpan<char> text)
    {
        var shown = new System.Text.StringBuilder(text.Length);
        foreach (var c in text) shown.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
        return shown.ToString();
    }
}
