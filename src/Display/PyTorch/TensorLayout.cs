namespace Functional.Display.PyTorch;

/// <summary>
/// The nesting, line wrapping and summarisation of torch._tensor_str (_tensor_str_with_formatter, _vector_str,
/// get_summarized_data) with PyTorch's default print options.
/// </summary>
internal static class TensorLayout
{
    public const int LineWidth = 80;
    private const int SummariseAbove = 1000;
    private const int EdgeItems = 3;

    public static bool IsSummarised<T>(TensorView<T> view) => view.ElementCount > SummariseAbove;

    /// <summary>The elements the formatter sees: with summarisation only the printed edges count toward the width.</summary>
    public static IEnumerable<T> FormatterValues<T>(TensorView<T> view, bool summarise)
    {
        if (view.Dimensions == 0) return [view.Scalar];
        var rows = ShownIndices(view.Size0, summarise).ToList();
        return view.Dimensions == 1
            ? rows.Select(i => view.At(i))
            : rows.SelectMany(i => FormatterValues(view.Row(i), summarise));
    }

    public static string Body<T>(TensorView<T> view, int indent, bool summarise, ElementFormatter<T> formatter)
    {
        if (view.Dimensions == 0) return formatter.Format(view.Scalar);
        if (view.Dimensions == 1) return Vector(view, indent, summarise, formatter);

        var slices = Elided(view.Size0, summarise, i => Body(view.Row(i), indent + 1, summarise, formatter), "...");
        var separator = "," + new string('\n', view.Dimensions - 1) + new string(' ', indent + 1);
        return "[" + string.Join(separator, slices) + "]";
    }

    private static string Vector<T>(TensorView<T> view, int indent, bool summarise, ElementFormatter<T> formatter)
    {
        var elementLength = formatter.Width + 2;
        var perLine = Math.Max(1, (int)Math.Floor((double)(LineWidth - indent) / elementLength));
        var items = Elided(view.Size0, summarise, i => formatter.Format(view.At(i)), " ...");
        var lines = items.Chunk(perLine).Select(chunk => string.Join(", ", chunk));
        return "[" + string.Join(",\n" + new string(' ', indent + 1), lines) + "]";
    }

    private static List<string> Elided(long size, bool summarise, Func<long, string> render, string ellipsis) =>
        summarise && size > 2 * EdgeItems
            ? [.. Range(0, EdgeItems).Select(render), ellipsis, .. Range(size - EdgeItems, EdgeItems).Select(render)]
            : [.. Range(0, size).Select(render)];

    private static IEnumerable<long> ShownIndices(long size, bool summarise) =>
        summarise && size > 2 * EdgeItems
            ? Range(0, EdgeItems).Concat(Range(size - EdgeItems, EdgeItems))
            : Range(0, size);

    private static IEnumerable<long> Range(long from, long count)
    {
        for (var i = from; i < from + count; i++) yield return i;
    }
}
