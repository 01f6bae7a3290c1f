using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Deploy;

/// <summary>A model exported through the CLI: its values, where its model file is, and the ONNX bytes.</summary>
internal sealed record ExportedFile(Functional.TorchAdapter.Models.TorchModel Model, string ModelPath, byte[] Onnx, int Features)
{
    /// <summary>Exports the model with values drawn from <paramref name="seed"/>; the files live in <paramref name="folder"/>.</summary>
    public static ExportedFile Of(string key, TempFolder folder, long seed = 7)
    {
        var model = DeployModels.Find(key);
        var path = DeployModels.SavedModel(folder, model, DeployModels.SeededState(model, seed));
        var onnx = folder.File(key + ".onnx");
        var export = DeployModels.Export("--model", path, "--onnx", onnx);
        Assert.True(export.ExitCode == 0, export.Stderr);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        return new ExportedFile(model, path, File.ReadAllBytes(onnx), (int)session.InputMetadata["x"].Dimensions[1]);
    }
}
