using LanguageExt;

namespace Functional.Domain.Models;

/// <summary>A value in a model's forward graph: the input, a parameter, a numeric constant, or a node's result.</summary>
public abstract record GraphValue
{
    GraphValue() { }

    /// <summary>The forward's input <c>x</c>, shaped [batch, features].</summary>
    public sealed record Input : GraphValue
    {
        public static Input Value { get; } = new();
    }

    /// <summary>A [Parameter] component, by its state_dict key.</summary>
    public sealed record Parameter(string Key) : GraphValue;

    /// <summary>A numeric constant as the source wrote it (a C# constant, so double).</summary>
    public sealed record Constant(double Value) : GraphValue;

    /// <summary>The result of the node at this index of <see cref="ForwardGraph.Nodes"/>.</summary>
    public sealed record Node(int Index) : GraphValue;
}

/// <summary>What a graph node computes. <see cref="Linear"/> is a [Linear] layer's call.</summary>
public enum GraphOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Relu,
    Sigmoid,
    Tanh,
    Linear,
}

/// <summary>One operation on earlier values, in source order (left operand first).</summary>
/// <param name="Layer">
/// For <see cref="GraphOp.Linear"/>, the layer's state_dict prefix (<c>linear_layer</c>), empty when the model is the layer
/// itself; else empty.
/// </param>
public sealed record GraphNode(GraphOp Op, Seq<GraphValue> Inputs, string Layer)
{
    /// <summary>The state_dict key of the layer's <c>weight</c> or <c>bias</c>.</summary>
    public string LayerKey(string tensor) => Layer.Length == 0 ? tensor : $"{Layer}.{tensor}";
}

/// <summary>
/// A model's forward as the source generator compiled it from the declaration's <c>Forward</c>: nodes in evaluation
/// order (each reads only the input, parameters, constants and earlier nodes) and the value returned. Pure values, so
/// the ONNX writer and the fused training path read it without TorchSharp.
/// </summary>
public sealed record ForwardGraph(Seq<GraphNode> Nodes, GraphValue Output);

/// <summary>Why a forward has no graph: the first construct the generator could not translate, and what kind it is.</summary>
public sealed record UntranslatedForward(string Construct, string Kind)
{
    public string Describe() => $"its Forward uses {Kind} '{Construct}', which the generator cannot translate (warning FMG014 when it was built)";
}
