using BenchmarkDotNet.Attributes;
using Functional.Bench.Workloads;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.TorchAdapter.Data;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Bench.Benchmarks;

/// <summary>
/// Epochs of the --fused path (one pass per epoch, analytic gradients) at the sizes of <see cref="EpochBenchmarks"/>.
/// Ten epochs an invocation so the per-run copy of the data into arrays is spread over them.
/// </summary>
public class FusedEpochBenchmarks
{
    const int EpochsPerInvoke = 10;
    DatasetSplit? split;
    readonly StateDict initial = new(Seq(
        new StateEntry("weight", ParameterValues.Of([0.3367f], 1)),
        new StateEntry("bias", ParameterValues.Of([0.1288f], 1))));

    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public long Samples { get; set; }

    [GlobalSetup]
    public void CreateSplit() =>
        split = Datasets.Split(LineData.Line(Settings.Data), Settings.TrainSplit);

    [Benchmark(OperationsPerInvoke = EpochsPerInvoke)]
    public int FusedEpoch() =>
        FusedLinearTraining.Epochs(split!, Settings.Training, "parameters", new AffineForm("weight", "bias"), initial).Count();

    RunSettings Settings => NotebookSettings.With(input => input with { Step = 1.0 / Samples, Epochs = EpochsPerInvoke, EvalEvery = int.MaxValue, Fused = true });
}
