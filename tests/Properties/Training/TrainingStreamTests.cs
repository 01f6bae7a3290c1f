using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Training;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>Training as a lazy stream: one report per epoch, one ending, and the fold is the same run.</summary>
public sealed class TrainingStreamTests
{
    static PreparedRun PreparedNotebookRun() =>
        NotebookWorkflow.Prepare(ValidSettings.Notebook, ModelCatalog.All)
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message));

    [Fact]
    public void Every_epoch_is_reported_in_order_with_a_test_loss_exactly_on_evaluation_epochs_then_one_ending_that_logs_those()
    {
        var events = PreparedNotebookRun().Training(ComputeDevice.Cpu).ToList();
        var epochs = events.OfType<EpochCompleted>().ToList();
        Assert.Equal(Enumerable.Range(0, 300), epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.Equal(e.Epoch % 20 == 0, e.TestLoss.IsSome));
        Assert.Equal(epochs.Count + 1, events.Count);
        var finished = Assert.IsType<TrainingFinished>(events[^1]);
        Assert.Equal(
            epochs.Where(e => e.TestLoss.IsSome).Select(e => new EpochLog(e.Epoch, e.TrainLoss, e.TestLoss.IfNone(float.NaN))),
            finished.Model.Curve.Points);
    }

    [Fact]
    public void Abandoning_a_stream_early_leaves_a_later_run_bit_identical_to_the_fold()
    {
        var run = PreparedNotebookRun();
        var first = run.Training(ComputeDevice.Cpu).Take(5).OfType<EpochCompleted>().ToList();
        Assert.Equal(5, first.Count);
        var folded = TrainingLoop.Outcome(run.Training(ComputeDevice.Cpu));
        var direct = Trainer.Train(run.Split, run.Settings.Training, run.Model, ComputeDevice.Cpu);
        Assert.True(folded.IsSucc && direct.IsSucc);
        var (a, b) = (folded.IfFail(_ => throw new InvalidOperationException()), direct.IfFail(_ => throw new InvalidOperationException()));
        Assert.Equal(ParameterArrays(b.Final), ParameterArrays(a.Final));
        Assert.Equal(b.Curve.Points, a.Curve.Points);
        Assert.Equal(first[0].TrainLoss, a.Curve.Points.Head.TrainLoss);
    }

    [Fact]
    public void A_diverging_run_ends_with_one_failure_naming_the_epoch()
    {
        var settings = ValidSettings.From(SettingsInput.Notebook with { Loss = LossKind.Mse, LearningRate = 1e6 });
        var run = NotebookWorkflow.Prepare(settings, ModelCatalog.All)
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message));
        var events = run.Training(ComputeDevice.Cpu).ToList();
        var failed = Assert.IsType<TrainingFailed>(events[^1]);
        Assert.Single(events.OfType<TrainingFailed>());
        Assert.Contains($"training stopped at epoch {events.Count - 1}:", failed.Error.Message);
    }

    static float[][] ParameterArrays(Domain.Tensors.StateDict dict) => dict.Entries.Map(e => e.Value.Data.ToArray()).ToArray();
}
