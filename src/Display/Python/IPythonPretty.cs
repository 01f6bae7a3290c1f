using LanguageExt;

namespace Functional.Display.Python;

/// <summary>
/// IPython.lib.pretty.RepresentationPrinter's dispatch for the values a notebook cell shows: every value sits in
/// its own group, leaves print their repr line by line, tuples and lists use the sequence printer, and an
/// OrderedDict is printed as the call expression <c>OrderedDict([...])</c>.
/// </summary>
public static class IPythonPretty
{
    public const int DefaultMaxWidth = 79;
    private const int MaxSequenceLength = 1000;

    public static string Render(PythonValue value, int maxWidth = DefaultMaxWidth)
    {
        var printer = new PrettyPrinterEngine(maxWidth);
        Pretty(printer, value);
        return printer.Result();
    }

    private static void Pretty(PrettyPrinterEngine printer, PythonValue value)
    {
        printer.BeginGroup();
        switch (value)
        {
            case PythonValue.Leaf leaf: LeafLines(printer, leaf.Text); break;
            case PythonValue.Tuple tuple: Sequence(printer, "(", ")", tuple.Items, singleItemComma: true); break;
            case PythonValue.List list: Sequence(printer, "[", "]", list.Items, singleItemComma: false); break;
            case PythonValue.OrderedDict dict: Pretty(printer, new CallExpression("OrderedDict", dict)); break;
            default: throw new InvalidOperationException("unknown Python value");
        }

        printer.EndGroup();
    }

    // _repr_pprint: each newline of the repr becomes an explicit break at the current indentation.
    private static void LeafLines(PrettyPrinterEngine printer, string text)
    {
        printer.BeginGroup();
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) printer.Break();
            printer.Text(lines[i]);
        }

        printer.EndGroup();
    }

    private static void Sequence(PrettyPrinterEngine printer, string open, string close, IEnumerable<PythonValue> items, bool singleItemComma)
    {
        var list = items.ToList();
        printer.BeginGroup(open.Length, open);
        for (var i = 0; i < list.Count; i++)
        {
            if (i >= MaxSequenceLength)
            {
                printer.Text(",");
                printer.Breakable();
                printer.Text("...");
                break;
            }

            if (i > 0)
            {
                printer.Text(",");
                printer.Breakable();
            }

            Pretty(printer, list[i]);
        }

        if (singleItemComma && list.Count == 1) printer.Text(",");
        printer.EndGroup(open.Length, close);
    }

    // IPython's _ordereddict_pprint wraps the dict in CallExpression('OrderedDict', list(items)); that object
    // goes through pretty() itself, so it gets its own group before the call's group.
    private sealed record CallExpression(string Name, PythonValue.OrderedDict Dict)
    {
        public void PrettyInto(PrettyPrinterEngine printer)
        {
            var prefix = Name + "(";
            printer.BeginGroup(prefix.Length, prefix);
            if (!Dict.Entries.IsEmpty) Pretty(printer, PythonValue.EntriesAsList(Dict));
            printer.EndGroup(prefix.Length, ")");
        }
    }

    private static void Pretty(PrettyPrinterEngine printer, CallExpression call)
    {
        printer.BeginGroup();
        call.PrettyInto(printer);
        printer.EndGroup();
    }

    // Python's str.splitlines: no trailing empty line, and "" has no lines at all.
    private static string[] SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n', '\r');
        return text.Length == 0 ? []
            : text.EndsWith('\n') || text.EndsWith('\r') ? lines[..^1]
            : lines;
    }
}
