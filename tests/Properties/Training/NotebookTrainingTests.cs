using System.Globalization;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Workflow;
using Functional.Models;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// The notebook's default run, checked against the numbers it printed under real PyTorch
/// (tests/Snapshots/Reference/notebook-outputs-cpu.txt, copied here to the digits it printed), not against our own output.
/// </summary>
public sealed class NotebookTrainingTests
{
    static readonly Lazy<WorkflowResult> Default = new(() =>
        NotebookWorkflow.Run(ValidSettings.Notebook, ModelCatalog.All, ComputeDevice.Cpu)
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message)));

    static string F(double value, int digits) => ((double)value).ToString("F" + digits, CultureInfo.InvariantCulture);

    static void MatchesNotebook(string[] pytorch, string[] ours, string what) =>
        PyTorchReference.AssertMatchesFile(PyTorchReference.NotebookTranscript, pytorch, ours, what);

    [Fact]
    public void Seed_42_initialises_weight_0_3367_and_bias_0_1288()
    {
        var initial = Default.Value.Trained.Initial;
        Assert.Equal(["weight", "bias"], initial.Keys.ToArray());
        MatchesNotebook(["0.3367", "0.1288"], initial.Entries.Map(e => F(e.Value.Data.Head, 4)).ToArray(), "the initial weight and bias, line 26");
    }

    [Fact]
    public void The_training_log_has_PyTorchs_losses_every_20_epochs()
    {
        string[] pytorch =
        [
            "0 0.757 0.725", "20 0.525 0.454", "40 0.294 0.183", "60 0.077 0.073", "80 0.053 0.116",
            "100 0.046 0.105", "120 0.039 0.089", "140 0.032 0.074", "160 0.025 0.058", "180 0.018 0.042",
            "200 0.011 0.026", "220 0.004 0.009", "240 0.004 0.006", "260 0.004 0.006", "280 0.004 0.006",
        ];
        var ours = Default.Value.Trained.Curve.Points.Map(e => $"{e.Epoch} {F(e.TrainLoss, 3)} {F(e.TestLoss, 3)}").ToArray();
        MatchesNotebook(pytorch, ours, "epoch, training loss and test loss of lines 31-45");
    }

    [Fact]
    public void The_trained_parameters_are_PyTorchs_0_3067_and_0_9011()
    {
        var final = Default.Value.Trained.Final;
        MatchesNotebook(["0.3067", "0.9011"], final.Entries.Map(e => F(e.Value.Data.Head, 4)).ToArray(), "the trained weight and bias, line 108");
    }

    [Fact]
    public void The_test_predictions_are_PyTorchs()
    {
        string[] pytorch =
        [
            "1.1464", "1.1495", "1.1525", "1.1556", "1.1587", "1.1617", "1.1648", "1.1679", "1.1709", "1.1740",
            "1.1771", "1.1801", "1.1832", "1.1863", "1.1893", "1.1924", "1.1955", "1.1985", "1.2016", "1.2047",
        ];
        MatchesNotebook(pytorch, Default.Value.Trained.TestPredictions.ToArray().Select(p => F(p, 4)).ToArray(), "the test predictions, lines 46-65");
    }
}
