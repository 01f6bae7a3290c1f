using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Deploy;

/// <summary>
/// Our export against torch.onnx.export (PyTorch 1.13, opset 13, input "x", output "y", dynamic batch) of the model's
/// PyTorch class holding the same values: the same file byte for byte, once the three fields that say who wrote the
/// file and of what (producer name and version, graph name) are set alike. Classes are found by the [Model] class
/// name in tests/Shared/notebook_models.py (this project's own in test_models.py); a model without one is skipped.
/// </summary>
public sealed class TorchExportTests
{
    public static TheoryData<string> Models() => DeployModels.Exportable();

    /// <summary>
    /// argv: module search path, module, class, state_dict file, features, our file, and optionally a Python subclass body
    /// to export instead. Prints torch's file in base64 with our naming fields, and its nodes.
    /// </summary>
    internal const string TorchExport = """
        import base64, importlib, io, sys
        import torch, onnx
        sys.path[:0] = sys.argv[1].split(":")
        cls = getattr(importlib.import_module(sys.argv[2]), sys.argv[3])
        if len(sys.argv) > 7:
            scope = {"base": cls, "torch": torch, "nn": torch.nn}
            exec(sys.argv[7], scope)
            cls = scope["Variant"]
        model = cls()
        model.load_state_dict(torch.load(sys.argv[4]))
        model.eval()
        buffer = io.BytesIO()
        torch.onnx.export(model, (torch.randn(2, int(sys.argv[5])),), buffer, opset_version=13, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
        theirs = onnx.load_from_string(buffer.getvalue())
        assert theirs.SerializeToString() == buffer.getvalue(), "re-serialising torch's file changed it"
        ours = onnx.load(sys.argv[6])
        theirs.producer_name, theirs.producer_version, theirs.graph.name = ours.producer_name, ours.producer_version, ours.graph.name
        print(base64.b64encode(theirs.SerializeToString()).decode())
        for file in (theirs, ours):
            print(" ".join(f"{n.op_type}:{n.name}({','.join(n.input)})->{','.join(n.output)}" for n in file.graph.node))
        """;

    internal static (byte[] Theirs, string TheirNodes, string OurNodes) TorchFile(ExportedFile exported, TempFolder folder, string? variant = null)
    {
        var ours = folder.File("ours.onnx");
        File.WriteAllBytes(ours, exported.Onnx);
        var className = exported.Model.Spec.ClassName;
        var module = DeployModels.PythonModuleOf(className).IfNone(() => throw new InvalidOperationException($"no PyTorch class {className}"));
        string[] arguments = [DeployModels.PythonPath, module, className, exported.ModelPath, exported.Features.ToString(), ours, .. variant is null ? Array.Empty<string>() : [variant]];
        var python = PythonTorch.Run(TorchExport, arguments);
        Assert.True(python.ExitCode == 0, python.Stderr);
        var lines = python.Stdout.Trim().Split('\n');
        return (Convert.FromBase64String(lines[0]), lines[1], lines[2]);
    }

    [ModelTheory(Reference.PyTorchClass)]
    [MemberData(nameof(Models))]
    public void The_export_is_torch_onnx_exports_file_byte_for_byte_but_for_who_wrote_it(string key)
    {
        using var folder = new TempFolder();
        var exported = ExportedFile.Of(key, folder);

        var (theirs, theirNodes, ourNodes) = TorchFile(exported, folder);

        Assert.Equal(theirNodes, ourNodes);
        Assert.True(theirs.AsSpan().SequenceEqual(exported.Onnx), "same nodes, but the files differ elsewhere (initializers, shapes or attributes)");
    }

    /// <summary>
    /// The documented difference of naming: a PyTorch model that holds relu as a module (self.relu = nn.ReLU()) names its
    /// node after that module, /relu/Relu; a forward calling relu as a function, as C# declarations do, gives /Relu.
    /// Renamed so, the files are the same.
    /// </summary>
    [RequiresPyTorchFact]
    public void With_relu_as_a_module_torch_names_the_node_after_the_module_and_nothing_else_differs()
    {
        using var folder = new TempFolder();
        var exported = ExportedFile.Of("test-wide-mlp", folder);
        const string variant = """
            class Variant(base):
                def __init__(self):
                    super().__init__()
                    self.relu = nn.ReLU()

                def forward(self, x):
                    return self.output(self.relu(self.hidden(x)))
            """;

        var (theirs, theirNodes, ourNodes) = TorchFile(exported, folder, variant);

        Assert.Contains("Relu:/relu/Relu", theirNodes);
        Assert.Equal(ourNodes, theirNodes.Replace("/relu/Relu", "/Relu"));
        Assert.Equal(exported.Onnx, Renamed(theirs, "/relu/Relu", "/Relu"));
    }

    /// <summary>Both names are ASCII in a length-prefixed protobuf string; replacing one changes each prefix by the difference.</summary>
    static byte[] Renamed(byte[] file, string from, string to) =>
        Convert.FromBase64String(PythonTorch.RunOk("""
            import base64, sys, onnx
            model = onnx.load_from_string(base64.b64decode(sys.argv[1]))
            for node in model.graph.node:
                node.name = node.name.replace(sys.argv[2], sys.argv[3])
                node.input[:] = [name.replace(sys.argv[2], sys.argv[3]) for name in node.input]
                node.output[:] = [name.replace(sys.argv[2], sys.argv[3]) for name in node.output]
            print(base64.b64encode(model.SerializeToString()).decode())
            """, Convert.ToBase64String(file), from, to).Trim());
}
