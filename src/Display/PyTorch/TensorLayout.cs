using System.Text;

namespace Functional.Display.PyTorch;

/// <summary>
/// The nesting, line wrapping and summarisation of torch._tensor_str (_tensor_str_with_formatter, _vector_str,
/// get_summarized_data) with PyTorch's default print options, written as loops over an explicit index per dimension:
/// PyTorch recurses once per dimension, which on a stack of 12,000 size-1 dimensions would overflow ours (and a .NET
/// stack overflow cannot be caught). Every walk visits only the elements and slices that are printed.
/// </summary>
internal static class TensorLayout
{
    public const int LineWidth = 80;
    private const int SummariseAbove = 1000;
    private const int EdgeItems = 3;

    /// <summary>
    /// Past PyTorch: a summary that would still show more elements than this (only possible with many dimensions of
    /// size 6 or less, e.g. [6] * 8) or run longer than <see cref="MaxBodyLength"/> characters is shown in short.
    /// </summary>
    public const long MaxShownElements = 100_000;

    public const long MaxBodyLength = 4_000_000;

    public static bool IsSummarised<T>(TensorView<T> view) => view.ElementCount > SummariseAbove;

    /// <summary>How many elements the (summarised) print shows, saturating instead of overflowing.</summary>
    public static long ShownElementCount<T>(TensorView<T> view, bool summarise)
    {
        Int128 count = 1;
        foreach (var size in view.Shape) count = Int128.Min(count * Shown(size, summarise), long.MaxValue);
        return (long)count;
    }

    /// <summary>The elements the formatter sees: with summarisation only the printed edges count toward the width.</summary>
    public static IEnumerable<T> FormatterValues<T>(TensorView<T> view, bool summarise)
    {
        if (view.ElementCount == 0) yield break;
        // Size-1 dimensions always take index 0, so the walk skips them: each step is then amortised constant time.
        var kept = Enumerable.Range(0, view.Dimensions).Where(d => view.Shape[d] != 1).ToArray();
        var shown = new long[kept.Length];
        var position = 0L;
        while (true)
        {
            yield return view.At(position);
            var d = kept.Length - 1;
            for (; d >= 0; d--)
            {
                var dim = kept[d];
                var size = view.Shape[dim];
                position -= IndexAt(size, summarise, shown[d]) * view.Strides[dim];
                if (++shown[d] < Shown(size, summarise))
                {
                    position += IndexAt(size, summarise, shown[d]) * view.Strides[dim];
                    break;
                }
                shown[d] = 0;
            }
            if (d < 0) yield break;
        }
    }

    /// <summary>
    /// The exact length of <see cref="Body"/>'s text, computed level by level without rendering, so a print that would
    /// be gigabytes long (100,000 dimensions of size 2, say: each separator holds a newline per dimension) is caught first.
    /// </summary>
    public static long BodyLength<T>(TensorView<T> view, int indent, bool summarise, int width)
    {
        if (view.Dimensions == 0) return width;
        var d = view.Dimensions;
        Int128 total = 0;
        Int128 nodes = 1;
        for (var level = 0; level < d; level++)
        {
            var size = view.Shape[level];
            var elided = Elided(size, summarise) ? 1 : 0;
            var items = Shown(size, summarise) + elided;
            Int128 perNode;
            if (level < d - 1)
            {
                var separator = 1 + (d - level - 1) + (indent + level + 1);
                perNode = 2 + elided * 3 + (Int128)Math.Max(items - 1, 0) * separator;
            }
            else
            {
                var vectorIndent = indent + level;
                var perLine = PerLine(vectorIndent, width);
                var lines = (items + perLine - 1) / perLine;
                perNode = 2 + (Int128)(items - elided) * width + elided * 4 + (Int128)(items - lines) * 2 + (Int128)Math.Max(lines - 1, 0) * (3 + vectorIndent);
            }
            // Each factor is below 2^64 here, so no product can wrap 128 bits.
            if (perNode > long.MaxValue) return long.MaxValue;
            total += nodes * perNode;
            nodes *= Shown(size, summarise);
            if (total > long.MaxValue || nodes > long.MaxValue) return long.MaxValue;
        }
        return (long)total;
    }

    public static string Body<T>(TensorView<T> view, int indent, bool summarise, ElementFormatter<T> formatter)
    {
        var text = new StringBuilder();
        var d = view.Dimensions;
        if (d == 0) return formatter.Format(view.At(0));
        if (d == 1)
        {
            Vector(text, view, 0, indent, summarise, formatter);
            return text.ToString();
        }

        // One cursor per nested level (the last level is printed as a vector): which item of that level's list comes next.
        var item = new long[d - 1];
        var offset = new long[d - 1];
        var level = 0;
        text.Append('[');
        while (true)
        {
            var size = view.Shape[level];
            var items = Shown(size, summarise) + (Elided(size, summarise) ? 1 : 0);
            if (item[level] == items)
            {
                text.Append(']');
                if (level == 0) return text.ToString();
                level--;
                item[level]++;
                continue;
            }
            if (item[level] > 0)
                text.Append(',').Append('\n', d - level - 1).Append(' ', indent + level + 1);
            if (Elided(size, summarise) && item[level] == EdgeItems)
            {
                text.Append("...");
                item[level]++;
                continue;
            }
            var shownIndex = Elided(size, summarise) && item[level] > EdgeItems ? item[level] - 1 : item[level];
            var childOffset = offset[level] + IndexAt(size, summarise, shownIndex) * view.Strides[level];
            if (level + 1 == d - 1)
            {
                Vector(text, view, childOffset, indent + level + 1, summarise, formatter);
                item[level]++;
                continue;
            }
            level++;
            item[level] = 0;
            offset[level] = childOffset;
            text.Append('[');
        }
    }

    /// <summary>_vector_str: the last dimension's elements, as many to a line as fit in the line width.</summary>
    private static void Vector<T>(StringBuilder text, TensorView<T> view, long offset, int indent, bool summarise, ElementFormatter<T> formatter)
    {
        var last = view.Dimensions - 1;
        var size = view.Shape[last];
        var stride = view.Strides[last];
        var perLine = PerLine(indent, formatter.Width);
        var elided = Elided(size, summarise);
        var items = Shown(size, summarise) + (elided ? 1 : 0);
        text.Append('[');
        for (var i = 0L; i < items; i++)
        {
            if (i > 0) text.Append(i % perLine == 0 ? ",\n" + new string(' ', indent + 1) : ", ");
            if (elided && i == EdgeItems) text.Append(" ...");
            else text.Append(formatter.Format(view.At(offset + IndexAt(size, summarise, elided && i > EdgeItems ? i - 1 : i) * stride)));
        }
        text.Append(']');
    }

    private static long PerLine(int indent, int width) => Math.Max(1, (long)Math.Floor((double)(LineWidth - indent) / (width + 2)));

    private static bool Elided(long size, bool summarise) => summarise && size > 2 * EdgeItems;

    /// <summary>How many of a dimension's slices are printed (the ellipsis not counted).</summary>
    private static long Shown(long size, bool summarise) => Elided(size, summarise) ? 2 * EdgeItems : size;

    /// <summary>The index in the tensor of the <paramref name="shown"/>-th printed slice: the first and last edge items when summarised.</summary>
    private static long IndexAt(long size, bool summarise, long shown) =>
        Elided(size, summarise) && shown >= EdgeItems ? size - 2 * EdgeItems + shown : shown;
}
