using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Formats.Onnx;
using Functional.Tests.Shared;
using LanguageExt;
using Microsoft.ML.OnnxRuntime;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Deploy;

/// <summary>
/// The documented difference from torch.onnx.export: PyTorch folds a subexpression of parameters and numbers only
/// (<c>2 * a</c> in <c>2 * a * x</c>) into a new initializer it names onnx::Mul_&lt;n&gt;, after a counter of its own;
/// our file computes it in the graph, keeping every initializer a state_dict key. Same function, other nodes.
/// </summary>
public sealed class ConstantFoldingTests
{
    const string TorchExport = """
        import base64, io, sys
        import torch
        from torch import nn
        class Folded(nn.Module):
            def __init__(self):
                super().__init__()
                self.a = nn.Parameter(torch.tensor([float(sys.argv[1])]))
            def forward(self, x):
                return 2 * self.a * x
        buffer = io.BytesIO()
        torch.onnx.export(Folded().eval(), (torch.randn(2, 1),), buffer, opset_version=13, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
        print(base64.b64encode(buffer.getvalue()).decode())
        """;

    [RequiresPyTorchFact]
    public void PyTorch_folds_a_parameter_times_a_number_into_an_initializer_and_both_files_compute_the_same()
    {
        const float a = 0.37f;
        var spec = new ModelSpec("folded", "Folded", "Folded()", new StateDictSpec(Seq1(new ParameterSpec("a", Seq1(1L)))),
            new ForwardGraph(Seq(
                new GraphNode(GraphOp.Multiply, Seq<GraphValue>(new GraphValue.Constant(2), new GraphValue.Parameter("a")), ""),
                new GraphNode(GraphOp.Multiply, Seq<GraphValue>(new GraphValue.Node(0), GraphValue.Input.Value), "")), new GraphValue.Node(1)));
        var ours = OnnxExport.Write(spec, new StateDict(Seq1(new StateEntry("a", ParameterValues.Scalar(a)))), "test")
            .Match(Succ: bytes => bytes, Fail: e => throw new InvalidOperationException(e.Message));
        var theirs = Convert.FromBase64String(PythonTorch.RunOk(TorchExport, a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Trim());

        var x = DeployModels.Inputs(5, 1);
        using var ourSession = new InferenceSession(ours);
        using var theirSession = new InferenceSession(theirs);

        Assert.Equal(["Constant", "Mul", "Mul"], OpTypes(ours));
        Assert.Equal(["Mul"], OpTypes(theirs));
        Assert.Equal(OnnxRuntimeTests.Run(theirSession, x, 5, 1), OnnxRuntimeTests.Run(ourSession, x, 5, 1));
    }

    /// <summary>The op types in order, read with the ONNX project's own parser (python3-onnx).</summary>
    static string[] OpTypes(byte[] file) =>
        PythonTorch.RunOk("""
            import base64, sys, onnx
            print(" ".join(n.op_type for n in onnx.load_from_string(base64.b64decode(sys.argv[1])).graph.node))
            """, Convert.ToBase64String(file)).Trim().Split(' ');
}
