using LanguageExt;

namespace Functional.Formats.Onnx;

/// <summary>An attribute of an ONNX node.</summary>
internal abstract record OnnxAttribute(string Name)
{
    public sealed record Float(string Name, float Value) : OnnxAttribute(Name);

    public sealed record Int(string Name, long Value) : OnnxAttribute(Name);

    /// <summary>A scalar float tensor (the <c>value</c> of a Constant node).</summary>
    public sealed record ScalarTensor(string Name, float Value) : OnnxAttribute(Name);
}

/// <summary>One ONNX node, with the names torch.onnx.export would give it and its output.</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, string Output, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A float32 initializer: a state_dict entry under its key.</summary>
internal sealed record OnnxInitializer(string Name, IReadOnlyList<long> Shape, Seq<float> Data);

/// <summary>One dimension of the graph's input or output: the dynamic batch, or a fixed size.</summary>
internal readonly record struct OnnxDim(long Size, bool IsBatch)
{
    public static OnnxDim Batch => new(0, true);

    public static OnnxDim Of(long size) => new(size, false);

    public override string ToString() => IsBatch ? "batch" : Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A whole graph ready to serialise: one float input <c>x</c>, one float output <c>y</c>.</summary>
internal sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxInitializer> Initializers,
    IReadOnlyList<OnnxDim> InputShape,
    IReadOnlyList<OnnxDim> OutputShape);
