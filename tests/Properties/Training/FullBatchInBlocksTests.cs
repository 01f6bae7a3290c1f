using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using Functional.TorchAdapter.Workflow;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Full-batch autograd on splits larger than one block (<see cref="RowChunks"/>): training by gradient accumulation over
/// the blocks, the test split evaluated and predicted block by block. Each run is also run in real PyTorch 1.13
/// (tests/Shared/pytorch_training.py, one process) twice: as the plain full batch a notebook user writes (one forward,
/// one backward over the whole split), and as the gradient accumulation a user writes when that does not fit (each
/// block's summed loss divided by the split's size, backward, one step; the same blocks).
/// </summary>
public sealed class FullBatchInBlocksTests
{
    static readonly SettingsInput Notebook = SettingsInput.Notebook;

    /// <summary>Samples for 2.5 blocks of one-input rows in each half of the line (20 blocks of a width-8 model's).</summary>
    const double Step = 1.0 / (5 * RowChunks.ValuesPerBlock);

    static readonly (string Name, SettingsInput Settings)[] Runs =
    [
        ("l1_sgd", Notebook with { Step = Step, TrainSplit = 0.5, Epochs = 6, EvalEvery = 1 }),
        ("mse_sgd_linear_layer", Notebook with { Step = Step, TrainSplit = 0.5, Epochs = 6, EvalEvery = 2, Model = "linear-layer", Loss = LossKind.Mse, LearningRate = 0.2, Seed = 7 }),
        ("mse_adam_mlp", Notebook with { Step = Step, TrainSplit = 0.5, Epochs = 3, EvalEvery = 1, Model = "mlp", Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, Seed = 3 }),
    ];

    static readonly Lazy<IReadOnlyDictionary<int, (TrainingReport? Report, string? Skipped)>> PyTorch = new(() =>
        PyTorchTraining.Run(Runs.Select((run, id) => TrainingRuns.CaseOf(id, run.Settings))
            .Concat(Runs.Select((run, id) => TrainingRuns.CaseOf(Runs.Length + id, run.Settings) with { AccumulateRows = BlockRows(run.Settings) }))
            .ToArray()));

    static readonly Dictionary<string, Lazy<TrainingReport>> Ours = Runs.ToDictionary(run => run.Name, run => new Lazy<TrainingReport>(() => TrainingRuns.Ours(run.Settings)));

    public static TheoryData<string> Names() => new(Runs.Select(run => run.Name));

    /// <summary>
    /// The same printed lines, state_dicts and predictions, and the same losses and parameters bit for bit: a block's ops
    /// run on one thread in both libtorch 2.x and PyTorch 1.13 and sum in the same order.
    /// </summary>
    [RequiresIPythonTheory]
    [MemberData(nameof(Names))]
    public void The_full_batch_in_blocks_computes_what_PyTorch_gradient_accumulation_over_the_same_blocks_does(string name) =>
        Assert.Empty(Ours[name].Value.DifferencesFrom(Reference(Runs.Length + AssertInBlocks(name)), exact: true));

    /// <summary>The same printed numbers, to within one unit of the last printed digit (the sums are formed per block).</summary>
    [RequiresIPythonTheory]
    [MemberData(nameof(Names))]
    public void The_full_batch_in_blocks_prints_what_PyTorch_one_shot_full_batch_does(string name) =>
        Assert.Empty(Ours[name].Value.DifferencesFrom(Reference(AssertInBlocks(name)), exact: false));

    static TrainingReport Reference(int id) => PyTorch.Value[id].Report ?? throw new InvalidOperationException(PyTorch.Value[id].Skipped);

    /// <summary>The run's id, once both its splits are known to span more than two blocks.</summary>
    static int AssertInBlocks(string name)
    {
        var id = Array.FindIndex(Runs, run => run.Name == name);
        var settings = Runs[id].Settings;
        var split = NotebookWorkflow.Prepare(ValidSettings.From(settings), ModelCatalog.All).Map(run => run.Split)
            .IfFail(e => throw new InvalidOperationException(e.Message));
        var rows = BlockRows(settings);
        Assert.True(split.Train.Count > 2 * rows && split.Test.Count > 2 * rows,
            $"{split.Train.Count} training and {split.Test.Count} test samples span more than two blocks of {rows} rows");
        return id;
    }

    static long BlockRows(SettingsInput settings)
    {
        var model = ModelCatalog.Find(settings.Model).IfNone(() => throw new InvalidOperationException($"no model '{settings.Model}'"));
        using var module = SeededModels.Create(model, settings.Seed);
        return RowChunks.RowsFor(module, 1);
    }
}
