using BenchmarkDotNet.Attributes;
using Functional.Bench.Workloads;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.TorchAdapter.Data;
using static LanguageExt.Prelude;

namespace Functional.Bench.Benchmarks;

/// <summary>
/// Epochs of the --fused path (one pass per epoch, analytic gradients) at the sizes of <see cref="EpochBenchmarks"/>,
/// through the training loop and its <see cref="AffineGradientSteps"/>. Ten epochs an invocation so the run's ending
/// (final parameters and test predictions) is spread over them.
/// </summary>
public class FusedEpochBenchmarks
{
    const int EpochsPerInvoke = 10;
    RunSettings? settings;
    DatasetSplit? split;
    readonly StateDict initial = new(Seq(
        new StateEntry("weight", ParameterValues.Of([0.3367f], 1)),
        new StateEntry("bias", ParameterValues.Of([0.1288f], 1))));

    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public long Samples { get; set; }

    [GlobalSetup]
    public void CreateSplit()
    {
        settings = NotebookSettings.With(input => input with { Step = 1.0 / Samples, Epochs = EpochsPerInvoke, EvalEvery = int.MaxValue, Fused = true });
        split = Datasets.Split(LineData.Line(settings.Data), settings.TrainSplit);
    }

    [Benchmark(OperationsPerInvoke = EpochsPerInvoke)]
    public int FusedEpoch()
    {
        var form = ((StepKind.FusedAffine)settings!.Training.Step).Form;
        return TrainingLoop.Run(settings.Model, settings.Training, () => new AffineGradientSteps(split!, settings.Training, form, initial)).Count();
    }
}
