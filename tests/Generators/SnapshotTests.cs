using ApprovalTests;
using Functional.Generators;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// The emitters' output for hand-built models, approved by a reviewer. The models are values written here, not parsed
/// from declarations, so a change to the parser or to a shipped declaration cannot move these snapshots.
/// </summary>
public sealed class SnapshotTests
{
    static ComponentToGenerate Parameter(string property, string state, params int[] shape) =>
        new(property, state, ComponentKind.Parameter, shape.ToEquatableArray(), 0, 0);

    static ComponentToGenerate Linear(string property, string state, int inFeatures, int outFeatures) =>
        new(property, state, ComponentKind.Linear, EquatableArray<int>.Empty, inFeatures, outFeatures);

    static NodeToGenerate Node(OpKind op, params ValueToGenerate[] inputs) => new(op, inputs.ToEquatableArray(), "");

    static NodeToGenerate Layer(string layer, ValueToGenerate input) => new(OpKind.Linear, new[] { input }.ToEquatableArray(), layer);

    static ForwardToGenerate Graph(ValueToGenerate output, params NodeToGenerate[] nodes) =>
        ForwardToGenerate.Translated(new GraphToGenerate(nodes.ToEquatableArray(), output));

    /// <summary>weight * x + bias over two [Parameter(1)]s, in a namespace.</summary>
    internal static readonly ModelToGenerate Line = new("Samples", "Line", false, "LineModel", "line",
        new[] { Parameter("Weight", "weight", 1), Parameter("Bias", "bias", 1) }.ToEquatableArray(),
        Graph(ValueToGenerate.OfNode(1),
            Node(OpKind.Multiply, ValueToGenerate.Parameter("weight"), ValueToGenerate.Input),
            Node(OpKind.Add, ValueToGenerate.OfNode(0), ValueToGenerate.Parameter("bias"))));

    /// <summary>Two layers around relu, a renamed 2-D parameter, a constant on the left; a record struct in the global namespace.</summary>
    internal static readonly ModelToGenerate Mlp = new("", "Mlp", true, "MlpModel", "mlp-sample",
        new[] { Linear("Hidden", "hidden", 1, 4), Parameter("Scale", "scale_values", 4, 1), Linear("Output", "output", 4, 1) }.ToEquatableArray(),
        Graph(ValueToGenerate.OfNode(5),
            Layer("hidden", ValueToGenerate.Input),
            Node(OpKind.Relu, ValueToGenerate.OfNode(0)),
            Node(OpKind.Multiply, ValueToGenerate.OfNode(1), ValueToGenerate.Parameter("scale_values")),
            Layer("output", ValueToGenerate.OfNode(2)),
            Node(OpKind.Sigmoid, ValueToGenerate.OfNode(3)),
            Node(OpKind.Subtract, ValueToGenerate.Constant(0.1), ValueToGenerate.OfNode(4))));

    /// <summary>A forward the generator could not translate: the module is the same, the graph is the reason.</summary>
    internal static readonly ModelToGenerate Untranslated = new("Samples.Deep", "Power", false, "PowerModel", "power",
        new[] { Parameter("A", "a", 1) }.ToEquatableArray(),
        ForwardToGenerate.NotTranslated("x.pow(3)", "the call"));

    [Fact]
    public void Module_of_two_parameters() => Approvals.Verify(Emitter.EmitModel(Line));

    [Fact]
    public void Module_of_layers_a_parameter_and_activations() => Approvals.Verify(Emitter.EmitModel(Mlp));

    [Fact]
    public void Module_whose_forward_has_no_graph() => Approvals.Verify(Emitter.EmitModel(Untranslated));

    [Fact]
    public void Catalog_of_three_models() =>
        Approvals.Verify(CatalogEmitter.Emit(CatalogEmitter.Plan([Untranslated, Mlp, Line], "Some.Assembly")));

    [Fact]
    public void Hint_names_are_the_qualified_record_names() =>
        Assert.Equal(["Samples.Line.g.cs", "Mlp.g.cs", "Samples.Deep.Power.g.cs"], new[] { Line, Mlp, Untranslated }.Select(Emitter.HintName));
}
