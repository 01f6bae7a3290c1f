namespace Functional.Generators;

/// <summary>What a graph value is: the Forward input, a [Parameter], a numeric constant, or a node's result.</summary>
public enum ValueKind
{
    Input,
    Parameter,
    Constant,
    Node,
}

/// <summary>The operations Forward is translated into (the Domain's GraphOp, by name).</summary>
public enum OpKind
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

/// <summary>One value of the graph. A constant is kept as its bits, so that NaN equals itself and caching holds.</summary>
/// <param name="Name">The state_dict key of a parameter; empty otherwise.</param>
/// <param name="ConstantBits">The constant as <c>BitConverter.DoubleToInt64Bits</c>.</param>
/// <param name="Node">The index of the node whose result this is.</param>
public readonly record struct ValueToGenerate(ValueKind Kind, string Name, long ConstantBits, int Node)
{
    public static ValueToGenerate Input => new(ValueKind.Input, string.Empty, 0, 0);

    public static ValueToGenerate Parameter(string key) => new(ValueKind.Parameter, key, 0, 0);

    public static ValueToGenerate Constant(double value) => new(ValueKind.Constant, string.Empty, System.BitConverter.DoubleToInt64Bits(value), 0);

    public static ValueToGenerate OfNode(int index) => new(ValueKind.Node, string.Empty, 0, index);

    public double ConstantValue => System.BitConverter.Int64BitsToDouble(ConstantBits);
}

/// <summary>One operation on earlier values; <paramref name="Layer"/> is the state_dict prefix of a [Linear] layer.</summary>
public readonly record struct NodeToGenerate(OpKind Op, EquatableArray<ValueToGenerate> Inputs, string Layer);

/// <summary>Forward as a graph: nodes in evaluation order, and the value it returns.</summary>
public readonly record struct GraphToGenerate(EquatableArray<NodeToGenerate> Nodes, ValueToGenerate Output);

/// <summary>
/// The translated Forward, or the first construct that could not be translated (as text, with what kind of construct it
/// is). Where that construct is, is only in the diagnostic: this value is part of the emit model.
/// </summary>
public readonly record struct ForwardToGenerate(GraphToGenerate Graph, string Construct, string ConstructKind)
{
    public bool IsTranslated => Construct.Length == 0;

    public static ForwardToGenerate Translated(GraphToGenerate graph) => new(graph, string.Empty, string.Empty);

    public static ForwardToGenerate NotTranslated(string construct, string kind) =>
        new(new GraphToGenerate(EquatableArray<NodeToGenerate>.Empty, ValueToGenerate.Input), construct, kind);
}
