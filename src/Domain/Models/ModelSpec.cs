using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Models;

/// <summary>
/// A declared model as pure values: how the CLI names it, PyTorch's class name and repr, its state_dict layout, and its
/// forward as the generator compiled it (or why it could not). Repr and layout are those for <see cref="Features"/>
/// input features; a model whose width is the data's (<see cref="InputWidth.FromData"/>) gives itself for another
/// count with <see cref="For"/>.
/// </summary>
public sealed record ModelSpec(string Key, string ClassName, string Repr, StateDictSpec StateDict, Either<UntranslatedForward, ForwardGraph> Forward)
{
    /// <summary>How many input features the model takes (one for a spec built by hand, whose shapes are fixed).</summary>
    public InputWidth Width { get; private init; } = InputWidth.One;

    /// <summary>The feature count <see cref="Repr"/> and <see cref="StateDict"/> are for.</summary>
    public int Features { get; private init; } = 1;

    /// <summary>What the declaration holds, for resolving the layout at another width; absent for a spec built by hand.</summary>
    public Option<ModelLayout> Layout { get; private init; }

    /// <summary>A declared model at its own width: its fixed one, or one feature (the notebook's data) when it takes the data's.</summary>
    public static ModelSpec Declared(string key, string className, ModelLayout layout, Either<UntranslatedForward, ForwardGraph> forward)
    {
        var width = InputWidth.Of(layout, forward);
        var features = width is InputWidth.Fixed fixedWidth ? fixedWidth.Features : 1;
        return new ModelSpec(key, className, layout.Repr(className, features), layout.StateDict(features), forward)
        {
            Width = width,
            Features = features,
            Layout = layout,
        };
    }

    /// <summary>
    /// The model for data of <paramref name="features"/> features: a model sized by the data gets its repr and layout
    /// for that count; a model of fixed width stays itself (<see cref="InputWidth.Accepts"/> says whether it fits).
    /// </summary>
    public ModelSpec For(int features) =>
        Width is InputWidth.FromData && features != Features
            ? Layout.Match(
                Some: layout => this with { Repr = layout.Repr(ClassName, features), StateDict = layout.StateDict(features), Features = features },
                None: () => this)
            : this;

    /// <summary>When the forward is <c>weight * x + bias</c> over two one-element parameters, which keys those are (for <c>--fused</c>).</summary>
    public Option<AffineForm> Affine => Forward.ToOption().Bind(graph => AffineForm.Of(graph, StateDict));

    /// <summary>The layout as --help shows it (<c>weight [1, features], bias [1]</c> for a model sized by the data).</summary>
    public string DescribeLayout() =>
        Layout.Match(Some: layout => layout.Describe(), None: () => string.Join(", ", StateDict.Parameters.Map(p => $"{p.Key} {p.ShapeText}")));
}
