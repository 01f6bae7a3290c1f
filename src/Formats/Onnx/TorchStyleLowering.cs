using System.Globalization;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Formats.Onnx;

/// <summary>
/// A forward graph as the ONNX nodes torch.onnx.export (PyTorch 1.13, opset 13) writes for the same PyTorch code, named
/// as it names them, so that our file and PyTorch's are the same graph node for node (tests/Deploy compares them).
/// Hand-written because the names and the order are PyTorch's conventions, not ONNX's:
/// <list type="bullet">
/// <item>a layer call is <c>Gemm(x, W, b)</c> with alpha = beta = 1 and transB = 1, in the layer's scope
/// (<c>/hidden/Gemm</c>; a layer's second call is <c>/hidden_1/Gemm</c>);</item>
/// <item>a number becomes a scalar <c>Constant</c> node just before the node that reads it; with + and * the tensor comes
/// first (<c>2 * x</c> is <c>Mul(x, 2)</c>), with - and / the order stays, and <c>c / x</c> is <c>Reciprocal(x)</c>
/// times c (times nothing when c is 1);</item>
/// <item>identical operations are computed once (PyTorch's common-subexpression pass, which runs before numbers become
/// Constant nodes), and nodes nothing reads are dropped;</item>
/// <item>nodes are named <c>/Op</c>, <c>/Op_1</c>, ... per scope and type; a node's output is <c>&lt;name&gt;_output_0</c>,
/// the last one's is <c>y</c>; a forward that returns its input or a parameter as it is gets <c>Identity_0</c>.</item>
/// </list>
/// </summary>
internal static class TorchStyleLowering
{
    public const string InputName = "x";
    public const string OutputName = "y";

    /// <summary>An operand: the input, an initializer (a state_dict key), or the output of a lowered node.</summary>
    abstract record Operand
    {
        public sealed record Input : Operand;
        public sealed record Initializer(string Key) : Operand;
        public sealed record Output(int Node) : Operand;
    }

    sealed record Lowered(string OpType, string Scope, IReadOnlyList<Operand> Inputs, IReadOnlyList<OnnxAttribute> Attributes);

    static readonly OnnxAttribute[] GemmAttributes =
        [new OnnxAttribute.Float("alpha", 1f), new OnnxAttribute.Float("beta", 1f), new OnnxAttribute.Int("transB", 1)];

    public static (IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<string> InitializerKeys) Lower(ForwardGraph graph, StateDictSpec stateDict)
    {
        var (nodes, output) = WithoutRepeats(graph);
        var lowered = new List<Lowered>();
        var results = new Dictionary<int, Operand>();
        foreach (var index in Reachable(nodes, output))
        {
            results[index] = LowerNode(nodes[index], lowered, results);
        }
        var named = Named(lowered, OperandOf(output, lowered, results));
        var used = named.SelectMany(node => node.Inputs).ToHashSet();
        return (named, stateDict.Keys.Filter(used.Contains).ToList());
    }

    /// <summary>
    /// Keeps the first of identical nodes (same operation on the same values, numbers compared by value) and points
    /// readers of the others at it. This is PyTorch's pass on its own graph, before numbers become Constant nodes:
    /// so two reads of one number still get a Constant node each.
    /// </summary>
    static (List<GraphNode> Nodes, GraphValue Output) WithoutRepeats(ForwardGraph graph)
    {
        var firstOf = new Dictionary<int, int>();
        var bySignature = new Dictionary<string, int>();
        GraphValue Resolve(GraphValue value) => value is GraphValue.Node { Index: var i } ? new GraphValue.Node(firstOf[i]) : value;
        var nodes = new List<GraphNode>();
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i] with { Inputs = graph.Nodes[i].Inputs.Map(Resolve).Strict() };
            var signature = $"{node.Op}[{node.Layer}]({string.Join(",", node.Inputs.Map(Signature))})";
            firstOf[i] = bySignature.TryGetValue(signature, out var earlier) ? earlier : bySignature[signature] = i;
            nodes.Add(node);
        }
        return (nodes, Resolve(graph.Output));
    }

    static string Signature(GraphValue value) => value switch
    {
        GraphValue.Input => "x",
        GraphValue.Parameter p => "p:" + p.Key,
        GraphValue.Constant c => "c:" + BitConverter.DoubleToInt64Bits(c.Value).ToString(CultureInfo.InvariantCulture),
        GraphValue.Node n => "n:" + n.Index.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>The indexes of the nodes the output depends on, in evaluation order.</summary>
    static IEnumerable<int> Reachable(List<GraphNode> nodes, GraphValue output)
    {
        var needed = new System.Collections.Generic.HashSet<int>();
        var pending = new Stack<GraphValue>([output]);
        while (pending.Count > 0)
        {
            if (pending.Pop() is GraphValue.Node { Index: var index } && needed.Add(index))
            {
                foreach (var input in nodes[index].Inputs) pending.Push(input);
            }
        }
        return needed.Order();
    }

    static Operand LowerNode(GraphNode node, List<Lowered> lowered, Dictionary<int, Operand> results)
    {
        Operand Tensor(GraphValue value) => OperandOf(value, lowered, results);
        Operand Emit(string opType, string scope, Operand[] inputs, params OnnxAttribute[] attributes)
        {
            lowered.Add(new Lowered(opType, scope, inputs, attributes));
            return new Operand.Output(lowered.Count - 1);
        }

        var inputs = node.Inputs.ToArray();
        return node.Op switch
        {
            GraphOp.Linear => Emit("Gemm", node.Layer,
                [Tensor(inputs[0]), new Operand.Initializer(node.LayerKey("weight")), new Operand.Initializer(node.LayerKey("bias"))], GemmAttributes),
            GraphOp.Negate => Emit("Neg", "", [Tensor(inputs[0])]),
            GraphOp.Relu => Emit("Relu", "", [Tensor(inputs[0])]),
            GraphOp.Sigmoid => Emit("Sigmoid", "", [Tensor(inputs[0])]),
            GraphOp.Tanh => Emit("Tanh", "", [Tensor(inputs[0])]),
            GraphOp.Add or GraphOp.Multiply => inputs switch
            {
                // Python's reflected operators (2 * x calls x.__rmul__(2)) put the tensor first.
                [GraphValue.Constant c, var t] => Commuted(OpType(node.Op), Tensor(t), c.Value),
                [var t, GraphValue.Constant c] => Commuted(OpType(node.Op), Tensor(t), c.Value),
                [var a, var b] => Emit(OpType(node.Op), "", [Tensor(a), Tensor(b)]),
                _ => throw new ArgumentException("a binary node needs two inputs"),
            },
            GraphOp.Divide when inputs is [GraphValue.Constant numerator, var denominator] => Reciprocal(Tensor(denominator), numerator.Value),
            // - and / keep their order; a number becomes a Constant node where it is read, left before right.
            _ => inputs is [var left, var right]
                ? Emit(OpType(node.Op), "", [Tensor(left), Tensor(right)])
                : throw new ArgumentException("a binary node needs two inputs"),
        };

        Operand Commuted(string opType, Operand tensor, double constant)
        {
            var value = EmitConstant(constant, lowered);
            return Emit(opType, "", [tensor, value]);
        }
        Operand Reciprocal(Operand denominator, double numerator)
        {
            var inverse = Emit("Reciprocal", "", [denominator]);
            return numerator == 1 ? inverse : Commuted("Mul", inverse, numerator);
        }
    }

    static Operand OperandOf(GraphValue value, List<Lowered> lowered, Dictionary<int, Operand> results) => value switch
    {
        GraphValue.Input => new Operand.Input(),
        GraphValue.Parameter p => new Operand.Initializer(p.Key),
        GraphValue.Node n => results[n.Index],
        GraphValue.Constant c => EmitConstant(c.Value, lowered),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    static Operand EmitConstant(double value, List<Lowered> lowered)
    {
        lowered.Add(new Lowered("Constant", "", [], [new OnnxAttribute.ScalarTensor("value", (float)value)]));
        return new Operand.Output(lowered.Count - 1);
    }

    static string OpType(GraphOp op) => op switch
    {
        GraphOp.Add => "Add",
        GraphOp.Subtract => "Sub",
        GraphOp.Multiply => "Mul",
        GraphOp.Divide => "Div",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    static List<OnnxNode> Named(List<Lowered> nodes, Operand output)
    {
        var counts = new Dictionary<string, int>();
        string Next(string key)
        {
            var seen = counts.GetValueOrDefault(key);
            counts[key] = seen + 1;
            return seen == 0 ? "" : "_" + seen.ToString(CultureInfo.InvariantCulture);
        }
        var names = new List<string>();
        foreach (var node in nodes)
        {
            var scope = node.Scope.Length == 0 ? "" : "/" + node.Scope + Next("scope:" + node.Scope);
            names.Add($"{scope}/{node.OpType}{Next(scope + "/" + node.OpType)}");
        }
        var last = output is Operand.Output { Node: var outputNode } ? outputNode : -1;
        string ValueName(Operand operand) => operand switch
        {
            Operand.Input => InputName,
            Operand.Initializer i => i.Key,
            Operand.Output { Node: var n } when n == last => OutputName,
            Operand.Output o => names[o.Node] + "_output_0",
            _ => throw new ArgumentOutOfRangeException(nameof(operand)),
        };
        var named = nodes
            .Select((node, i) => new OnnxNode(node.OpType, names[i], node.Inputs.Select(ValueName).ToList(),
                i == last ? OutputName : names[i] + "_output_0", node.Attributes))
            .ToList();
        if (last < 0)
        {
            // torch.onnx.export adds this node after naming the others, hence a name of another style.
            named.Add(new OnnxNode("Identity", "Identity_0", [ValueName(output)], OutputName, []));
        }
        return named;
    }
}
