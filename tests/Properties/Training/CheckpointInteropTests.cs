using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.Formats.Checkpoints;
using Functional.Models;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using Xunit;
using Xunit.Abstractions;
using static Functional.Domain.Settings.SettingsInput;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Checkpoints against real PyTorch 1.13 and its "saving and loading a general checkpoint" recipe
/// (tests/Shared/pytorch_training.py): after k epochs our checkpoint file is byte for byte the one torch.save writes for
/// PyTorch's own run at that point; PyTorch loading ours (model, optimizer, scheduler and generator load_state_dict /
/// set_state) and training on ends on the same state_dict as its uninterrupted run; and we, going on from PyTorch's
/// file, print its epoch lines after k and end on its state_dict, bit for bit.
/// </summary>
public sealed class CheckpointInteropTests(ITestOutputHelper output)
{
    static readonly ControlInput None_ = ControlInput.Notebook;

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    static readonly (string Name, SettingsInput Settings, int StopAfter)[] Cases =
    [
        ("notebook_sgd", Notebook with { Epochs = 60 }, 25),
        ("adam_full_batch", Notebook with { Epochs = 50, Optimizer = OptimizerKind.Adam, Loss = LossKind.Mse }, 17),
        ("mini_batches_adam_step", Notebook with { Epochs = 30, EvalEvery = 5, BatchSize = Some(16), Optimizer = OptimizerKind.Adam,
            Control = None_ with { Scheduler = SchedulerKind.Step, StepSize = Some(7), Gamma = Some(0.5) } }, 12),
        ("mini_batches_sgd_exponential", Notebook with { Epochs = 30, EvalEvery = 4, BatchSize = Some(7), Model = "linear-layer",
            Control = None_ with { Scheduler = SchedulerKind.Exponential, Gamma = Some(0.9) } }, 9),
        ("quadratic_cosine", Notebook with { Epochs = 40, Model = "quadratic", Optimizer = OptimizerKind.Adam,
            Control = None_ with { Scheduler = SchedulerKind.Cosine, TMax = Some(15) } }, 21),
        ("plateau", Notebook with { Epochs = 80, EvalEvery = 3, Loss = LossKind.Mse,
            Control = None_ with { Scheduler = SchedulerKind.Plateau, Factor = Some(0.5), SchedulerPatience = Some(1) } }, 40),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void PyTorch_and_we_resume_from_each_others_checkpoints(string name)
    {
        if ((PythonTorch.WhyUnavailable ?? PythonTorch.WhyIPythonUnavailable) is { } reason)
        {
            output.WriteLine($"skipped: PyTorch/IPython reference unavailable: {reason}");
            return;
        }
        var (_, settings, stopAfter) = Cases.Single(c => c.Name == name);
        using var folder = new TempFolder();
        var theirsPath = Path.Combine(folder.Path, "pytorch.pt");
        var oursPath = Path.Combine(folder.Path, "ours.pt");

        // Ours after k epochs, written under the name torch.save gives the archive for a file named like PyTorch's.
        var checkpoint = CheckpointAfter(settings, stopAfter);
        File.WriteAllBytes(oursPath, CheckpointFormat.Write(checkpoint, "pytorch"));

        var baseCase = TrainingRuns.CaseOf(0, settings);
        var reports = PyTorchTraining.Run([
            baseCase with { Id = 0, SaveCheckpoint = new SaveCheckpointCase(stopAfter, theirsPath) },
            baseCase with { Id = 1, Resume = oursPath },
        ]);
        var uninterrupted = reports[0].Report!;
        var resumedFromOurs = reports[1].Report!;

        Assert.True(File.ReadAllBytes(oursPath).AsSpan().SequenceEqual(File.ReadAllBytes(theirsPath)),
            "our checkpoint after k epochs is not byte for byte the file torch.save wrote for PyTorch's run");
        Assert.Equal(uninterrupted.FinalValues.Select(v => (v.Key, string.Join(",", v.Values))), resumedFromOurs.FinalValues.Select(v => (v.Key, string.Join(",", v.Values))));
        Assert.Equal(uninterrupted.Lines.Skip(uninterrupted.Lines.Count - resumedFromOurs.Lines.Count), resumedFromOurs.Lines);
        Assert.Equal(uninterrupted.Rates.Skip(stopAfter), resumedFromOurs.Rates);

        var saved = CheckpointFormat.Read(File.ReadAllBytes(theirsPath)).IfFail(e => throw new InvalidOperationException(e.Message));
        var valid = ValidSettings.From(settings);
        var fromTheirs = Resumption.Check(saved, valid.Training, valid.Model.StateDict)
            .Match(Succ: c => c, Fail: errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));
        var ours = TrainingRuns.Ours(settings, Some(fromTheirs));
        Assert.Equal(uninterrupted.FinalValues.Select(v => (v.Key, string.Join(",", v.Values))), ours.FinalValues.Select(v => (v.Key, string.Join(",", v.Values))));
        Assert.Equal(uninterrupted.Final, ours.Final);
        Assert.Equal(uninterrupted.Lines.Skip(uninterrupted.Lines.Count - ours.Lines.Count), ours.Lines);
        Assert.Equal(uninterrupted.Rates.Skip(stopAfter), ours.Rates);
        Assert.Equal(uninterrupted.Last, ours.Last);
    }

    static Checkpoint CheckpointAfter(SettingsInput input, int epochs)
    {
        var prepared = NotebookWorkflow.Prepare(ValidSettings.From(input), ModelCatalog.All).Match(Succ: p => p, Fail: e => throw new InvalidOperationException(e.Message));
        foreach (var next in prepared.Training(ComputeDevice.Cpu))
            if (next is EpochCompleted epoch && epoch.Epoch + 1 == epochs)
                return epoch.Checkpoint().IfFail(e => throw new InvalidOperationException(e.Message));
        throw new InvalidOperationException($"the run ended before {epochs} epochs");
    }
}
