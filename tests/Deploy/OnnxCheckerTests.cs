using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Deploy;

/// <summary>
/// The ONNX project's own checker (Debian's python3-onnx 1.12, full_check with shape inference) accepts every exported
/// file. It is given the bytes, never a path: check_model on a path rewrites the file.
/// </summary>
public sealed class OnnxCheckerTests
{
    public static TheoryData<string> Models() => DeployModels.Exportable();

    const string Check = """
        import base64, sys
        import onnx
        model = onnx.load_from_string(base64.b64decode(sys.stdin.read()))
        onnx.checker.check_model(model, full_check=True)
        print(model.ir_version, [(o.domain, o.version) for o in model.opset_import], [i.name for i in model.graph.input],
              [o.name for o in model.graph.output], [d.dim_param for d in model.graph.input[0].type.tensor_type.shape.dim][0],
              [i.name for i in model.graph.initializer])
        """;

    [ModelTheory(Reference.OnnxChecker)]
    [MemberData(nameof(Models))]
    public void onnx_checker_with_full_check_accepts_the_file_of_IR_7_and_opset_13(string key)
    {
        using var folder = new TempFolder();
        var exported = ExportedFile.Of(key, folder);

        var python = PythonTorch.Run(Check, [], Convert.ToBase64String(exported.Onnx));

        Assert.True(python.ExitCode == 0, $"onnx.checker refused the export of '{key}':\n{python.Stderr}");
        var keys = string.Join(", ", exported.Model.Spec.StateDict.Keys.Map(k => $"'{k}'"));
        Assert.Equal($"7 [('', 13)] ['x'] ['y'] batch [{keys}]", python.Stdout.Trim());
    }
}
