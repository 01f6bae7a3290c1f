using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>Our model files against real PyTorch, in both directions, through the CLI a user runs.</summary>
public sealed class PyTorchInteropTests
{
    [RequiresPyTorchFact]
    public void PyTorch_loads_the_main_jobs_model_file_and_predicts_what_our_transcript_shows()
    {
        var run = CliProcess.Run();
        Assert.Equal(0, run.ExitCode);
        var python = PythonTorch.Run(NotebookModelsPython.Source + """
            model = LinearRegressionModel()
            model.load_state_dict(torch.load("models/01_pytorch_model"))
            X = torch.arange(0, 1, 0.01).unsqueeze(dim=1)
            model.eval()
            with torch.inference_mode():
                print(model(X[80:]))
            """, [], workingDirectory: run.WorkingDirectory);
        Assert.True(python.ExitCode == 0, python.Stderr);
        PyTorchReference.AssertMatchesLive("the main job's model file loaded by torch.load, predicting X[80:]",
            python.Stdout.TrimEnd('\n'), string.Join("\n", FirstPredictionCell(run.Stdout)));
    }

    /// <summary>The transcript's first cell printed at the start of a line as a column tensor: the test predictions.</summary>
    static IEnumerable<string> FirstPredictionCell(string transcript)
    {
        var lines = transcript.Split('\n');
        var first = Array.FindIndex(lines, line => line.StartsWith("tensor([["));
        var last = Array.FindIndex(lines, first, line => line.EndsWith("]])"));
        return first < 0 || last < 0 ? [] : lines[first..(last + 1)];
    }

    [RequiresPyTorchFact]
    public void Our_predict_command_reads_a_file_PyTorch_saved_and_predicts_identically() =>
        PredictsLikePyTorch("torch.manual_seed(7)\nmodel = LinearRegressionModel()");

    [RequiresPyTorchFact]
    public void Our_predict_command_reads_a_linear_layer_file_PyTorch_saved_and_predicts_identically() =>
        PredictsLikePyTorch("torch.manual_seed(3)\nmodel = LinearRegressionModelV2()");

    static void PredictsLikePyTorch(string makeModel)
    {
        var folder = Directory.CreateTempSubdirectory("functional-interop-").FullName;
        var python = PythonTorch.Run(NotebookModelsPython.Source + makeModel + """

            torch.save(model.state_dict(), "from_pytorch.pt")
            with torch.inference_mode():
                print(model(torch.tensor([[0.5], [0.9], [-3.0], [123.25]])))
            """, [], workingDirectory: folder);
        Assert.True(python.ExitCode == 0, python.Stderr);

        var ours = CliProcess.Run("predict", "--model", Path.Combine(folder, "from_pytorch.pt"), "--x", "0.5", "0.9", "-3", "123.25");
        Assert.True(ours.ExitCode == 0, ours.Stderr);
        PyTorchReference.AssertMatchesLive("the saved model's predictions for 0.5, 0.9, -3 and 123.25", python.Stdout, ours.Stdout);
    }

    [RequiresPyTorchFact]
    public void A_float64_state_dict_is_converted_with_a_note()
    {
        var folder = Directory.CreateTempSubdirectory("functional-interop-").FullName;
        var python = PythonTorch.Run(NotebookModelsPython.Source + """
            torch.manual_seed(42)
            model = LinearRegressionModel().double()
            torch.save(model.state_dict(), "double.pt")
            """, [], workingDirectory: folder);
        Assert.True(python.ExitCode == 0, python.Stderr);
        var inspected = CliProcess.Run("inspect", Path.Combine(folder, "double.pt"));
        Assert.Equal(0, inspected.ExitCode);
        Assert.Contains("Note: ", inspected.Stdout);
        Assert.Contains("OrderedDict([('weight', tensor([0.3367])), ('bias', tensor([0.1288]))])", inspected.Stdout);
    }
}
