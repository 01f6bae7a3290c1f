using Functional.Domain.Data;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using static TorchSharp.torch;

namespace Functional.Bench.Workloads;

/// <summary>
/// One full-batch epoch of the notebook's training (L1 + SGD at lr 0.01 on the "parameters" model), run by the very
/// steps the training loop uses (<see cref="FullBatchSteps"/>): dispose scope, forward, loss, zero_grad, backward,
/// step and reading the loss back.
/// </summary>
public sealed class EpochWorkload : IDisposable
{
    readonly FullBatchSteps steps;

    public long Count { get; }

    EpochWorkload(FullBatchSteps steps, long count) => (this.steps, Count) = (steps, count);

    public static EpochWorkload OfSize(long count, long seed = 42)
    {
        using var line = LineTensors.OfSize(count);
        return On(line.AsTrainingSplit(), seed);
    }

    public static EpochWorkload On(DatasetSplit split, long seed = 42)
    {
        var settings = NotebookSettings.With(input => input with { Seed = seed });
        var steps = FullBatchSteps.Start(NotebookModel(), split, settings.Training, ComputeDevice.Cpu)
            .IfFail(e => throw new InvalidOperationException(e.Message));
        return new EpochWorkload(steps, split.Train.Count);
    }

    public static TorchModel NotebookModel() =>
        ModelCatalog.Find("parameters").IfNone(() => throw new InvalidOperationException("no 'parameters' model"));

    /// <summary>The training loop's epoch: returns the training loss read back with item(), as the loop's NaN check does.</summary>
    public double Run() => steps.TrainEpoch().IfFail(e => throw new InvalidOperationException(e.Message));

    /// <summary>The same epoch without reading the loss back, to measure what item() costs.</summary>
    public void RunWithoutItem() => steps.UpdateWithoutReadingLoss().IfFail(e => throw new InvalidOperationException(e.Message));

    public void Dispose() => steps.Dispose();
}
