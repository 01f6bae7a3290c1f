using System.Globalization;
using System.Text;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Display.Python;

/// <summary>
/// The Python objects a notebook cell displays, reduced to what their printing needs: leaves carry their
/// <c>repr()</c> text, containers their items.
/// </summary>
public abstract record PythonValue
{
    private PythonValue() { }

    /// <summary>Anything printed through its own <c>repr()</c>, possibly over several lines (tensors, modules, numbers).</summary>
    public sealed record Leaf(string Text) : PythonValue;

    public sealed record Tuple(Seq<PythonValue> Items) : PythonValue;

    public sealed record List(Seq<PythonValue> Items) : PythonValue;

    /// <summary>A <c>collections.OrderedDict</c>; <c>state_dict()</c> returns one.</summary>
    public sealed record OrderedDict(Seq<(PythonValue Key, PythonValue Value)> Entries) : PythonValue;

    public static PythonValue Str(string text) => new Leaf(PythonStringRepr(text));

    public static PythonValue Int(long value) => new Leaf(value.ToString(CultureInfo.InvariantCulture));

    public static PythonValue Tensor(ParameterValues values) => new Leaf(PyTorchRepr.Tensor(values));

    public static PythonValue Parameter(ParameterValues values) => new Leaf(PyTorchRepr.Parameter(values));

    public static PythonValue OrderedDictOf(StateDict stateDict) =>
        new OrderedDict(stateDict.Entries.Map(e => (Str(e.Key), Tensor(e.Value))));

    public static PythonValue TupleOf(params PythonValue[] items) => new Tuple(items.ToSeq().Strict());

    public static PythonValue ListOf(params PythonValue[] items) => new List(items.ToSeq().Strict());

    /// <summary>Python's plain <c>repr()</c>, what <c>print()</c> shows.</summary>
    public string Repr() => this switch
    {
        Leaf leaf => leaf.Text,
        Tuple { Items.Count: 1 } one => "(" + one.Items[0].Repr() + ",)",
        Tuple tuple => "(" + string.Join(", ", tuple.Items.Map(i => i.Repr())) + ")",
        List list => "[" + string.Join(", ", list.Items.Map(i => i.Repr())) + "]",
        OrderedDict { Entries.IsEmpty: true } => "OrderedDict()",
        OrderedDict dict => "OrderedDict(" + EntriesAsList(dict).Repr() + ")",
        _ => throw new InvalidOperationException("unknown Python value"),
    };

    /// <summary>What IPython shows for a cell's value (IPython.lib.pretty with its default width of 79).</summary>
    public string Pretty() => IPythonPretty.Render(this);

    internal static List EntriesAsList(OrderedDict dict) =>
        new(dict.Entries.Map(e => (PythonValue)new Tuple(Seq(e.Key, e.Value))));

    private static Seq<PythonValue> Seq(PythonValue first, PythonValue second) => LanguageExt.Prelude.Seq(first, second);

    // CPython's str.__repr__ for the ASCII range: single quotes unless only double quotes avoid escaping.
    private static string PythonStringRepr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var result = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return result.Append(quote).ToString();
    }
}
