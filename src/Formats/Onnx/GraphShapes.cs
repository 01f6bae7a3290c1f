using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Formats.Onnx;

/// <summary>
/// The shapes of a forward graph's values, from an input of [batch, features] and the parameters' shapes, with
/// PyTorch's broadcasting. The export needs the input's and output's shapes for the file, and refuses a graph whose
/// shapes do not chain (a layer given the wrong number of features), which ONNX Runtime would refuse only on loading.
/// </summary>
internal static class GraphShapes
{
    public sealed record Shapes(IReadOnlyList<OnnxDim> Input, IReadOnlyList<OnnxDim> Output);

    public static Fin<Shapes> Of(ForwardGraph graph, StateDictSpec stateDict)
    {
        var parameters = stateDict.Parameters.ToDictionary(p => p.Key, p => p.Shape.ToArray());
        var input = new[] { OnnxDim.Batch, OnnxDim.Of(InputFeatures(graph, parameters)) };
        return graph.Nodes
            .Fold(FinSucc(Seq<OnnxDim[]>()), (shapes, node) => shapes.Bind(done => NodeShape(node, input, parameters, done).Map(done.Add)))
            .Bind(nodes => ShapeOf(graph.Output, input, parameters, nodes) is { Length: > 0 } output
                ? FinSucc(new Shapes(input, [OnnxDim.Batch, .. output.Skip(1)]))
                : FinFail<Shapes>(Error.New("its Forward returns a single number, not a value per sample")));
    }

    static Fin<OnnxDim[]> NodeShape(GraphNode node, OnnxDim[] input, IReadOnlyDictionary<string, long[]> parameters, Seq<OnnxDim[]> nodes)
    {
        var operands = node.Inputs.Map(value => ShapeOf(value, input, parameters, nodes)).ToArray();
        return node.Op switch
        {
            GraphOp.Linear => Linear(node, operands[0], parameters),
            GraphOp.Add or GraphOp.Subtract or GraphOp.Multiply or GraphOp.Divide => Broadcast(operands[0], operands[1]),
            _ => FinSucc(operands[0]),
        };
    }

    /// <summary>What a layer reading x directly takes; otherwise 1, the notebook's single feature.</summary>
    static long InputFeatures(ForwardGraph graph, IReadOnlyDictionary<string, long[]> parameters) =>
        graph.Nodes
            .Filter(node => node.Op == GraphOp.Linear && node.Inputs.Head is GraphValue.Input)
            .Map(node => parameters[node.LayerKey("weight")][1])
            .HeadOrNone()
            .IfNone(1L);

    static OnnxDim[] ShapeOf(GraphValue value, OnnxDim[] input, IReadOnlyDictionary<string, long[]> parameters, Seq<OnnxDim[]> nodes) => value switch
    {
        GraphValue.Input => input,
        GraphValue.Parameter p => parameters[p.Key].Select(OnnxDim.Of).ToArray(),
        GraphValue.Node n => nodes[n.Index],
        _ => [],
    };

    static Fin<OnnxDim[]> Linear(GraphNode node, OnnxDim[] operand, IReadOnlyDictionary<string, long[]> parameters)
    {
        var (layer, weight) = (node.Layer.Length == 0 ? "the model's layer" : $"layer '{node.Layer}'", parameters[node.LayerKey("weight")]);
        var (outFeatures, inFeatures) = (weight[0], weight[1]);
        if (operand is not [{ IsBatch: true }, { IsBatch: false } features])
            return Error.New($"{layer} is applied to a value of shape [{string.Join(", ", operand)}]; the export supports layers on [batch, features]");
        return features.Size == inFeatures
            ? FinSucc<OnnxDim[]>([OnnxDim.Batch, OnnxDim.Of(outFeatures)])
            : Error.New($"{layer} takes {inFeatures} features but is given {features.Size}");
    }

    /// <summary>PyTorch's rule: align from the right; a size-1 dimension stretches; the batch matches only itself or 1.</summary>
    static Fin<OnnxDim[]> Broadcast(OnnxDim[] left, OnnxDim[] right)
    {
        var rank = Math.Max(left.Length, right.Length);
        var result = new OnnxDim[rank];
        for (var i = 1; i <= rank; i++)
        {
            var a = i <= left.Length ? left[^i] : OnnxDim.Of(1);
            var b = i <= right.Length ? right[^i] : OnnxDim.Of(1);
            if (a == b || b == OnnxDim.Of(1)) result[^i] = a;
            else if (a == OnnxDim.Of(1)) result[^i] = b;
            else return Error.New($"values of shapes [{string.Join(", ", left)}] and [{string.Join(", ", right)}] do not broadcast");
        }
        return result;
    }
}
