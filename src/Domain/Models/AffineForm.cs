using Functional.Domain.Tensors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Models;

/// <summary>A forward of the form <c>weight * x + bias</c>: the state_dict keys of its slope and its intercept.</summary>
public sealed record AffineForm(string WeightKey, string BiasKey)
{
    /// <summary>
    /// The form read from the forward graph: a product of the input and one parameter (either order), plus another
    /// parameter (either order), where the model has exactly these two parameters, each of one element. That is what
    /// <c>--fused</c>'s analytic gradients compute.
    /// </summary>
    public static Option<AffineForm> Of(ForwardGraph graph, StateDictSpec stateDict) =>
        graph is { Nodes.Count: 2, Output: GraphValue.Node { Index: 1 } }
        && graph.Nodes[0] is { Op: GraphOp.Multiply } product
        && graph.Nodes[1] is { Op: GraphOp.Add } sum
        && SlopeOf(product) is { } weight
        && InterceptOf(sum) is { } bias
        && weight != bias
        && stateDict.Parameters.Count == 2
        && stateDict.Parameters.ForAll(p => (p.Key == weight || p.Key == bias) && Enumerable.SequenceEqual(p.Shape, new[] { 1L }))
            ? Some(new AffineForm(weight, bias))
            : None;

    static string? SlopeOf(GraphNode product) => product.Inputs.ToArray() switch
    {
        [GraphValue.Parameter p, GraphValue.Input] => p.Key,
        [GraphValue.Input, GraphValue.Parameter p] => p.Key,
        _ => null,
    };

    static string? InterceptOf(GraphNode sum) => sum.Inputs.ToArray() switch
    {
        [GraphValue.Node { Index: 0 }, GraphValue.Parameter p] => p.Key,
        [GraphValue.Parameter p, GraphValue.Node { Index: 0 }] => p.Key,
        _ => null,
    };
}
