using System.Globalization;
using LanguageExt;

namespace Functional.Domain.Models;

/// <summary>
/// How many input features a model takes: a number its declaration fixes (the notebook's models take one), or as many
/// as the data has (a layer declared <c>[Linear(Inputs.Features, n)]</c>, such as <c>--model linear</c>).
/// </summary>
public abstract record InputWidth
{
    InputWidth() { }

    public sealed record Fixed(int Features) : InputWidth;

    public sealed record FromData : InputWidth;

    public static InputWidth One { get; } = new Fixed(1);

    public static InputWidth Data { get; } = new FromData();

    public bool Accepts(int features) => this is FromData || this is Fixed fixedWidth && fixedWidth.Features == features;

    /// <summary>"1 input feature", "3 input features", or "as many input features as the data has".</summary>
    public string Describe() => this switch
    {
        Fixed { Features: 1 } => "1 input feature",
        Fixed fixedWidth => $"{fixedWidth.Features.ToString(CultureInfo.InvariantCulture)} input features",
        _ => "as many input features as the data has",
    };

    /// <summary>
    /// The width a model's declaration implies. A layer sized by the data makes it the data's; otherwise the first
    /// [Linear] layer that reads the input directly fixes it; a forward that only combines the input element-wise with
    /// parameters (the notebook's <c>weight * x + bias</c>) takes one feature. Without a graph (FMG014), the first
    /// declared layer decides, or one feature when there is none.
    /// </summary>
    public static InputWidth Of(ModelLayout layout, Either<UntranslatedForward, ForwardGraph> forward)
    {
        if (layout.Layers.Exists(layer => layer.Inputs is FromData)) return Data;
        var readingInput = forward.Match(
            Left: _ => layout.Layers.HeadOrNone(),
            Right: graph => graph.Nodes
                .Find(node => node.Op == GraphOp.Linear && node.Inputs.HeadOrNone().Exists(input => input is GraphValue.Input))
                .Bind(node => layout.Layers.Find(layer => layer.Prefix == node.Layer)));
        return readingInput.Map(layer => layer.Inputs).IfNone(One);
    }
}
