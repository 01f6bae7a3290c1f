using System.Globalization;
using Functional.Domain.Models;

namespace Functional.Tests.Generators;

/// <summary>A forward graph in one line, e.g. <c>%0 = Multiply(weight, x); %1 = Add(%0, bias); return %1</c>.</summary>
internal static class GraphText
{
    public static string Of(ForwardGraph graph) =>
        string.Join("; ", graph.Nodes.Select((node, i) => $"%{i} = {Node(node)}").Append($"return {Value(graph.Output)}"));

    static string Node(GraphNode node) =>
        (node.Op == GraphOp.Linear ? $"Linear[{node.Layer}]" : node.Op.ToString()) + $"({string.Join(", ", node.Inputs.Map(Value))})";

    static string Value(GraphValue value) => value switch
    {
        GraphValue.Input => "x",
        GraphValue.Parameter p => p.Key,
        GraphValue.Constant c => c.Value.ToString("R", CultureInfo.InvariantCulture),
        GraphValue.Node n => $"%{n.Index}",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
