using System.Text.Json;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Formats.Onnx;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Formats.Onnx;

/// <summary>
/// The lowering rules of the ONNX writer, each against torch.onnx.export (PyTorch 1.13) of the same forward written in
/// Python: the same nodes, in the same order, with the same names and inputs, and the same initializers. The graphs
/// are built by hand here, as the generator would compile the C# shown beside each.
/// </summary>
public sealed class TorchStyleLoweringTests
{
    static GraphValue X => GraphValue.Input.Value;
    static GraphValue P(string key) => new GraphValue.Parameter(key);
    static GraphValue C(double value) => new GraphValue.Constant(value);
    static GraphValue N(int index) => new GraphValue.Node(index);
    static GraphNode Op(GraphOp op, params GraphValue[] inputs) => new(op, toSeq(inputs), "");
    static GraphNode Layer(GraphValue input) => new(GraphOp.Linear, Seq1(input), "l");

    /// <summary>Name, the Python forward (self.a is a [1] parameter, self.l a Linear(1, 1)), and our graph of the same C#.</summary>
    static readonly (string Name, string Python, GraphNode[] Nodes, GraphValue Output)[] Cases =
    [
        ("number over x", "2 / x + self.a", [Op(GraphOp.Divide, C(2), X), Op(GraphOp.Add, N(0), P("a"))], N(1)),
        ("one over x", "1 / (1 + x)", [Op(GraphOp.Add, C(1), X), Op(GraphOp.Divide, C(1), N(0))], N(1)),
        ("numbers on both sides", "3 - x * 0.25 + (1.5 + x)", [Op(GraphOp.Multiply, X, C(0.25)), Op(GraphOp.Subtract, C(3), N(0)), Op(GraphOp.Add, C(1.5), X), Op(GraphOp.Add, N(1), N(2))], N(3)),
        ("negation", "-(x * self.a) - 3", [Op(GraphOp.Multiply, X, P("a")), Op(GraphOp.Negate, N(0)), Op(GraphOp.Subtract, N(1), C(3))], N(2)),
        ("a layer called twice", "self.l(self.l(x))", [Layer(X), Layer(N(0))], N(1)),
        ("a repeated subexpression", "torch.relu(self.l(x)) + self.l(x) * 2 + x * 2", [Layer(X), Op(GraphOp.Relu, N(0)), Layer(X), Op(GraphOp.Multiply, N(2), C(2)), Op(GraphOp.Add, N(1), N(3)), Op(GraphOp.Multiply, X, C(2)), Op(GraphOp.Add, N(4), N(5))], N(6)),
        ("one product twice", "x * 2 + x * 2", [Op(GraphOp.Multiply, X, C(2)), Op(GraphOp.Multiply, X, C(2)), Op(GraphOp.Add, N(0), N(1))], N(2)),
        ("a value nothing reads", "self.a * x", [Layer(X), Op(GraphOp.Multiply, P("a"), X)], N(1)),
        ("the input as it is", "x", [], X),
        ("activations", "torch.sigmoid(x).tanh() / self.a", [Op(GraphOp.Sigmoid, X), Op(GraphOp.Tanh, N(0)), Op(GraphOp.Divide, N(1), P("a"))], N(2)),
    ];

    static readonly StateDictSpec Spec = new(Seq(
        new ParameterSpec("a", Seq1(1L)), new ParameterSpec("l.weight", Seq(1L, 1L)), new ParameterSpec("l.bias", Seq1(1L))));

    static readonly StateDict Values = new(Seq(
        new StateEntry("a", ParameterValues.Scalar(0.75f)), new StateEntry("l.weight", ParameterValues.Of([-0.5f], 1, 1)), new StateEntry("l.bias", ParameterValues.Scalar(0.125f))));

    const string Script = """
        import base64, io, json, sys
        import torch, onnx
        from torch import nn
        def describe(model):
            nodes = [f"{n.op_type}:{n.name}({','.join(n.input)})->{','.join(n.output)}" for n in model.graph.node]
            return {"nodes": nodes, "initializers": [i.name for i in model.graph.initializer]}
        results = {}
        for case in json.loads(sys.stdin.read()):
            class Case(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.a = nn.Parameter(torch.tensor([0.75]))
                    self.l = nn.Linear(1, 1)
                    with torch.no_grad():
                        self.l.weight.fill_(-0.5)
                        self.l.bias.fill_(0.125)
                def forward(self, x):
                    return eval(case["python"])
            buffer = io.BytesIO()
            torch.onnx.export(Case().eval(), (torch.randn(2, 1),), buffer, opset_version=13, input_names=["x"],
                              output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
            results[case["name"]] = {"torch": describe(onnx.load_from_string(buffer.getvalue())),
                                     "ours": describe(onnx.load_from_string(base64.b64decode(case["ours"])))}
        print(json.dumps(results))
        """;

    static readonly Lazy<JsonDocument> Compared = new(() =>
    {
        var cases = Cases.Select(c => new
        {
            name = c.Name,
            python = c.Python,
            ours = Convert.ToBase64String(OnnxExport.Write(
                    new ModelSpec("case", "Case", "Case()", Spec, new ForwardGraph(toSeq(c.Nodes), c.Output)), Values, "test")
                .Match(Succ: bytes => bytes, Fail: e => throw new InvalidOperationException(e.Message))),
        });
        var python = PythonTorch.Run(Script, [], JsonSerializer.Serialize(cases));
        Assert.True(python.ExitCode == 0, python.Stderr);
        return JsonDocument.Parse(python.Stdout);
    });

    public static TheoryData<string> CaseNames() => new(Cases.Select(c => c.Name));

    [RequiresPyTorchTheory]
    [MemberData(nameof(CaseNames))]
    public void The_nodes_and_initializers_are_torch_onnx_exports(string name)
    {
        var result = Compared.Value.RootElement.GetProperty(name);

        Assert.Equal(Lines(result.GetProperty("torch"), "nodes"), Lines(result.GetProperty("ours"), "nodes"));
        Assert.Equal(Lines(result.GetProperty("torch"), "initializers"), Lines(result.GetProperty("ours"), "initializers"));
    }

    static string[] Lines(JsonElement file, string property) =>
        file.GetProperty(property).EnumerateArray().Select(line => line.GetString()!).ToArray();

    /// <summary>A theory skipped, with the reason, when python3 with torch is missing (.ci/run installs it).</summary>
    public sealed class RequiresPyTorchTheoryAttribute : TheoryAttribute
    {
        public RequiresPyTorchTheoryAttribute()
        {
            if (PythonTorch.WhyUnavailable is { } reason) Skip = $"PyTorch reference unavailable: {reason}";
        }
    }
}
