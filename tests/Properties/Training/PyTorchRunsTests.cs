using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Named runs with non-default flags, each run here and live in real PyTorch (tests/Shared/pytorch_training.py), all in
/// one Python process: the same printed lines, state_dicts and predictions, and bit-identical losses and parameters
/// (to printed precision for --fused, which sums in another order).
/// </summary>
public sealed class PyTorchRunsTests
{
    static readonly SettingsInput Notebook = SettingsInput.Notebook;

    static readonly (string Name, SettingsInput Settings)[] Named =
    [
        ("notebook", Notebook),
        ("mse_adam", Notebook with { Epochs = 200, Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam }),
        ("other_line_seed_7", Notebook with { Weight = -1.5, Bias = 2.0, Start = -1, End = 1, Step = 0.05, TrainSplit = 0.7, Epochs = 150, LearningRate = 0.05, EvalEvery = 10, Seed = 7 }),
        ("mse_sgd_fine_step", Notebook with { Weight = 0.7, Bias = 0.3, End = 2, Step = 0.004, TrainSplit = 0.75, Epochs = 120, LearningRate = 0.1, EvalEvery = 15, Seed = 123, Loss = LossKind.Mse }),
        ("linear_layer", Notebook with { Model = "linear-layer" }),
        ("quadratic", Notebook with { Model = "quadratic" }),
        ("mini_batches", Notebook with { Epochs = 60, EvalEvery = 5, BatchSize = Some(16) }),
        ("mini_batches_uneven_adam", Notebook with { Weight = 0.7, Bias = -0.2, End = 2, Epochs = 40, EvalEvery = 4, Seed = 3, Loss = LossKind.Mse, Optimizer = OptimizerKind.Adam, BatchSize = Some(30), Model = "linear-layer" }),
        ("batch_of_one_quadratic", Notebook with { Epochs = 5, EvalEvery = 2, BatchSize = Some(1), Model = "quadratic", Optimizer = OptimizerKind.Adam }),
        ("one_shuffled_batch_larger_than_the_split", Notebook with { Epochs = 50, EvalEvery = 7, BatchSize = Some(1000), Loss = LossKind.Mse }),
        ("diverging_mse", Notebook with { Loss = LossKind.Mse, LearningRate = 1e6 }),
        ("diverging_mini_batches", Notebook with { Loss = LossKind.Mse, LearningRate = 1e3, BatchSize = Some(7) }),
    ];

    static readonly (string Name, SettingsInput Settings)[] Fused = Named
        .Select(named => (named.Name + "_fused", named.Settings with { Fused = true }))
        .Where(named => RunSettings.Create(named.Item2, ModelCatalog.Specs, MemoryBudget.Unlimited).IsSuccess)
        .ToArray();

    /// <summary>
    /// --fused with a training split large enough that each pass is summed on two cores (AffinePass.OnTwoCores), checked
    /// against PyTorch's autograd run of the same settings (each follows the Named runs in the PyTorch process); the
    /// mini-batch one also draws its order alongside training and gathers its batches region by region (SampleGather).
    /// </summary>
    static readonly (string Name, SettingsInput Settings)[] FusedOnTwoCores =
    [
        ("two_cores_l1_fused", Notebook with { Step = 2e-6, Epochs = 20, EvalEvery = 5, Fused = true }),
        ("two_cores_mse_fused", Notebook with { Weight = 0.7, Bias = 0.3, Step = 2e-6, Epochs = 20, EvalEvery = 5, LearningRate = 0.1, Loss = LossKind.Mse, Fused = true }),
        ("two_cores_mini_batches_by_region_fused", Notebook with { Weight = 0.7, Bias = 0.3, Step = 7.5e-7, Epochs = 2, EvalEvery = 1, BatchSize = Some(1 << 18), Fused = true }),
    ];

    static readonly Lazy<IReadOnlyDictionary<int, (TrainingReport? Report, string? Skipped)>> PyTorch = new(() =>
        PyTorchTraining.Run(Named.Concat(FusedOnTwoCores.Select(named => (named.Name, Settings: named.Settings with { Fused = false })))
            .Select((named, id) => TrainingRuns.CaseOf(id, named.Settings)).ToArray()));

    public static TheoryData<string> Names() => new(Named.Select(named => named.Name));

    public static TheoryData<string> FusedNames() => new(Fused.Select(named => named.Name));

    public static TheoryData<string> FusedOnTwoCoresNames() => new(FusedOnTwoCores.Select(named => named.Name));

    [RequiresIPythonTheory]
    [MemberData(nameof(Names))]
    public void The_run_prints_and_computes_what_PyTorch_does(string name)
    {
        var id = System.Array.FindIndex(Named, named => named.Name == name);
        AssertSame(Named[id].Settings, id, exact: true);
    }

    /// <summary>The one-pass analytic gradients print what PyTorch's autograd printed for the same settings.</summary>
    [RequiresIPythonTheory]
    [MemberData(nameof(FusedNames))]
    public void The_fused_run_prints_what_PyTorch_does(string name)
    {
        var fused = Fused.First(named => named.Name == name).Settings;
        AssertSame(fused, System.Array.FindIndex(Named, named => named.Settings == fused with { Fused = false }), exact: false);
    }

    /// <summary>The same, where the training split is summed in two halves on two cores.</summary>
    [RequiresIPythonTheory]
    [MemberData(nameof(FusedOnTwoCoresNames))]
    public void The_fused_run_on_two_cores_prints_what_PyTorch_does(string name)
    {
        var id = System.Array.FindIndex(FusedOnTwoCores, named => named.Name == name);
        var split = NotebookWorkflow.Prepare(ValidSettings.From(FusedOnTwoCores[id].Settings), ModelCatalog.All).Map(run => run.Split)
            .IfFail(e => throw new InvalidOperationException(e.Message));
        Assert.True(AffinePass.OnTwoCores(split.Train.Count), $"{split.Train.Count} training samples are summed on two cores");
        if (FusedOnTwoCores[id].Settings.BatchSize.IsSome)
            Assert.True(split.Train.Count >= SampleGather.RegionOrderFrom, $"{split.Train.Count} training samples are gathered region by region");
        AssertSame(FusedOnTwoCores[id].Settings, Named.Length + id, exact: false);
    }

    static void AssertSame(SettingsInput settings, int pytorchId, bool exact)
    {
        var pytorch = PyTorch.Value[pytorchId].Report ?? throw new InvalidOperationException(PyTorch.Value[pytorchId].Skipped);
        var differences = TrainingRuns.Ours(settings).DifferencesFrom(pytorch, exact);
        Assert.True(differences.Count == 0, string.Join("\n", differences)); // every difference in full, not xunit's truncated list
    }
}
