using Functional.Tests.Shared;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Functional.Tests.Deploy;

/// <summary>
/// Every exported model, run by ONNX Runtime 1.31.1, predicts what our TorchSharp module predicts, to 1e-6, for any
/// batch size. The models are every built-in one and the ones this project declares (a two-feature MLP among them).
/// </summary>
public sealed class OnnxRuntimeTests
{
    public static TheoryData<string> Models() => DeployModels.Exportable();

    [ModelTheory(Reference.None)]
    [MemberData(nameof(Models))]
    public void ONNX_Runtime_runs_the_export_to_our_predictions_within_1e_6_for_any_batch_size(string key)
    {
        var model = DeployModels.Find(key);
        using var folder = new TempFolder();
        var state = DeployModels.SeededState(model, seed: 7);
        var onnx = folder.File(key + ".onnx");
        var export = DeployModels.Export("--model", DeployModels.SavedModel(folder, model, state), "--onnx", onnx);
        Assert.True(export.ExitCode == 0, export.Stderr);

        using var session = new InferenceSession(onnx);
        var features = (int)session.InputMetadata["x"].Dimensions[1];
        foreach (var rows in new[] { 1, 2, 9 })
        {
            var x = DeployModels.Inputs(rows, features);
            var ours = DeployModels.OurPredictions(model, state, x, features);
            var theirs = Run(session, x, rows, features);
            Assert.Equal(ours.Length, theirs.Length);
            var worst = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 1e-6, $"batch {rows}: ONNX Runtime differs from our predictions by {worst:E2}");
        }
    }

    [ModelTheory(Reference.None)]
    [MemberData(nameof(Models))]
    public void The_file_names_its_input_x_with_a_dynamic_batch_and_its_output_y(string key)
    {
        var model = DeployModels.Find(key);
        using var folder = new TempFolder();
        var onnx = folder.File(key + ".onnx");
        Assert.Equal(0, DeployModels.Export("--model", DeployModels.SavedModel(folder, model, DeployModels.SeededState(model, 1)), "--onnx", onnx).ExitCode);

        using var session = new InferenceSession(onnx);

        var input = Assert.Single(session.InputMetadata);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(("x", "batch", -1), (input.Key, input.Value.SymbolicDimensions[0], input.Value.Dimensions[0]));
        Assert.Equal(("y", "batch"), (output.Key, output.Value.SymbolicDimensions[0]));
        Assert.Equal(2, input.Value.Dimensions.Length);
        Assert.Equal(("functional", model.Spec.ClassName), (session.ModelMetadata.ProducerName, session.ModelMetadata.GraphName));
    }

    [Fact]
    public void A_safetensors_file_exports_to_the_same_bytes_as_the_torch_save_file_of_the_same_values()
    {
        var model = DeployModels.Find("parameters");
        var state = DeployModels.SeededState(model, seed: 42);
        using var folder = new TempFolder();
        var safetensors = folder.File("model.safetensors");
        File.WriteAllBytes(safetensors, Functional.Formats.Safetensors.SafetensorsFormat.Write(state, new Dictionary<string, string>()));

        Assert.Equal(0, DeployModels.Export("--model", DeployModels.SavedModel(folder, model, state), "--onnx", folder.File("a.onnx")).ExitCode);
        Assert.Equal(0, DeployModels.Export("--model", safetensors, "--onnx", folder.File("b.onnx")).ExitCode);

        Assert.Equal(File.ReadAllBytes(folder.File("a.onnx")), File.ReadAllBytes(folder.File("b.onnx")));
    }

    internal static float[] Run(InferenceSession session, float[] x, int rows, int features)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(x, [rows, features]);
        using var options = new RunOptions();
        using var outputs = session.Run(options, ["x"], [input], ["y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
