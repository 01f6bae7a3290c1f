using System.Text;
using Functional.Display.Python;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Display.PyTorch;

/// <summary>PyTorch 1.13's <c>repr()</c> of float32 and bool tensors, parameters and state_dicts, as pure text.</summary>
public static class PyTorchRepr
{
    private const string Prefix = "tensor(";

    /// <summary><c>repr(tensor)</c> of a float32 tensor; <paramref name="requiresGrad"/> adds PyTorch's suffix.</summary>
    public static string Tensor(ParameterValues values, bool requiresGrad = false) =>
        Tensor(values.Shape.ToArray(), values.Data.ToArray(), requiresGrad);

    /// <summary><c>repr(tensor)</c> of a float32 tensor held in row-major memory (e.g. a column of predictions).</summary>
    public static string Tensor(long[] shape, ReadOnlyMemory<float> data, bool requiresGrad = false) =>
        Compose(ViewOf(shape, data), requiresGrad, nonDefaultDtype: null, ElementFormatter.ForFloats);

    /// <summary><c>repr(tensor)</c> of a bool tensor.</summary>
    public static string Tensor(Seq<long> shape, Seq<bool> data, bool requiresGrad = false) =>
        Tensor(shape.ToArray(), data.ToArray(), requiresGrad);

    /// <summary><c>repr(tensor)</c> of a bool tensor held in row-major memory.</summary>
    public static string Tensor(long[] shape, ReadOnlyMemory<bool> data, bool requiresGrad = false) =>
        Compose(ViewOf(shape, data), requiresGrad, nonDefaultDtype: "torch.bool", values => ElementFormatter.ForBools(values));

    /// <summary><c>repr(nn.Parameter)</c>: the tensor with <c>requires_grad=True</c> under a header line.</summary>
    public static string Parameter(ParameterValues values) => "Parameter containing:\n" + Tensor(values, requiresGrad: true);

    /// <summary><c>repr(module.state_dict())</c>, e.g. <c>OrderedDict([('weight', tensor([0.3367])), ('bias', tensor([0.1288]))])</c>.</summary>
    public static string StateDict(StateDict stateDict) => PythonValue.OrderedDictOf(stateDict).Repr();

    private static TensorView<T> ViewOf<T>(long[] dims, ReadOnlyMemory<T> values) => TensorView<T>.Of(dims, values);

    private static string Compose<T>(
        TensorView<T> view, bool requiresGrad, string? nonDefaultDtype, Func<IReadOnlyList<T>, ElementFormatter<T>> formatterFor)
    {
        var suffixes = new List<string>();
        string body;
        if (view.ElementCount == 0)
        {
            // Like NumPy, only the shape (0,) goes without saying; an empty tensor cannot reveal its dtype.
            if (view.Dimensions != 1) suffixes.Add("size=" + PythonTuple(view.Shape));
            if (nonDefaultDtype is not null) suffixes.Add("dtype=" + nonDefaultDtype);
            body = "[]";
        }
        else
        {
            var summarise = TensorLayout.IsSummarised(view);
            var formatter = TensorLayout.ShownElementCount(view, summarise) <= TensorLayout.MaxShownElements
                ? formatterFor(TensorLayout.FormatterValues(view, summarise).ToList())
                : null;
            if (formatter is not null && TensorLayout.BodyLength(view, Prefix.Length, summarise, formatter.Width) <= TensorLayout.MaxBodyLength)
            {
                body = TensorLayout.Body(view, Prefix.Length, summarise, formatter);
            }
            else
            {
                // Beyond what PyTorch does: a print this large would be megabytes of brackets and newlines (see TensorLayout).
                body = "[...]";
                suffixes.Add("size=" + PythonTuple(view.Shape));
                if (nonDefaultDtype is not null) suffixes.Add("dtype=" + nonDefaultDtype);
            }
        }

        if (requiresGrad) suffixes.Add("requires_grad=True");
        return WithSuffixes(Prefix + body, suffixes, Prefix.Length);
    }

    // torch._tensor_str._add_suffixes, including its "+ 1" on the last line's length.
    private static string WithSuffixes(string tensorText, IEnumerable<string> suffixes, int indent)
    {
        var text = new StringBuilder(tensorText);
        var lastLineLength = tensorText.Length - tensorText.LastIndexOf('\n') + 1;
        foreach (var suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > TensorLayout.LineWidth)
            {
                text.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                text.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }

        return text.Append(')').ToString();
    }

    private static string PythonTuple(long[] items) =>
        items.Length == 1 ? $"({Invariant(items[0])},)" : "(" + string.Join(", ", items.Select(Invariant)) + ")";

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
