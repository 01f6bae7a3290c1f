using System.Globalization;
using System.Text;

namespace Functional.Domain.Text;

/// <summary>
/// How an error line quotes what came from outside (a file's keys and shapes, a path): never longer than a line, never
/// across lines. A file can hold a key of a million characters or a shape of 100,000 dimensions; echoing either whole
/// would turn one error line into megabytes.
/// </summary>
public static class Echo
{
    /// <summary>Longer text is cut to this many characters, with its full length named.</summary>
    public const int MaxTextLength = 80;

    /// <summary>Longer shapes show this many leading dimensions, then the dimension count.</summary>
    public const int MaxShownDimensions = 8;

    /// <summary>At most this many items of a list (e.g. unexpected keys) are named; the rest are counted.</summary>
    public const int MaxListedItems = 5;

    /// <summary>The text with control characters escaped as Python escapes them, cut to <see cref="MaxTextLength"/>.</summary>
    public static string Text(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > MaxTextLength ? text[..MaxTextLength] : text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return text.Length > MaxTextLength
            ? $"{shown}... ({text.Length.ToString(CultureInfo.InvariantCulture)} characters)"
            : shown.ToString();
    }

    /// <summary><c>[3, 1, 2]</c>; a longer shape as <c>[1, 1, 1, 1, 1, 1, 1, 1, ... (100000 dims)]</c>.</summary>
    public static string Shape(IEnumerable<long> dimensions)
    {
        var shown = new List<string>(MaxShownDimensions);
        var count = 0L;
        foreach (var dimension in dimensions)
        {
            if (count++ < MaxShownDimensions) shown.Add(dimension.ToString(CultureInfo.InvariantCulture));
        }
        return count > MaxShownDimensions
            ? $"[{string.Join(", ", shown)}, ... ({count.ToString(CultureInfo.InvariantCulture)} dims)]"
            : $"[{string.Join(", ", shown)}]";
    }

    /// <summary>The first <see cref="MaxListedItems"/> items, then "and N more".</summary>
    public static IEnumerable<string> Listed(IReadOnlyCollection<string> items, string more)
    {
        foreach (var item in items.Take(MaxListedItems)) yield return item;
        if (items.Count > MaxListedItems)
            yield return $"and {(items.Count - MaxListedItems).ToString(CultureInfo.InvariantCulture)} more {more}";
    }
}
