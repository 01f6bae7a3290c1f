using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Models;

/// <summary>
/// A declared model as pure values: how the CLI names it, PyTorch's class name and repr, its state_dict layout, and its
/// forward as the generator compiled it (or why it could not).
/// </summary>
public sealed record ModelSpec(string Key, string ClassName, string Repr, StateDictSpec StateDict, Either<UntranslatedForward, ForwardGraph> Forward)
{
    /// <summary>When the forward is <c>weight * x + bias</c> over two one-element parameters, which keys those are (for <c>--fused</c>).</summary>
    public Option<AffineForm> Affine => Forward.ToOption().Bind(graph => AffineForm.Of(graph, StateDict));
}
