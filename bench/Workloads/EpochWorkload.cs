using Functional.Domain.Training;
using Functional.Models;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Bench.Workloads;

/// <summary>
/// One full-batch epoch exactly as Trainer.Train runs it (dispose scope, forward, L1, zero_grad, backward, SGD step,
/// item), on the "parameters" model. Trainer has no per-epoch entry point, so the body is mirrored here; the
/// memory mode also drives the real Trainer to make sure the two do not drift apart.
/// </summary>
public sealed class EpochWorkload : IDisposable
{
    public const double LearningRate = 0.01;

    readonly LineTensors data;
    readonly ModelModule model;
    readonly optim.Optimizer optimizer;
    readonly Func<Tensor, Tensor, Tensor> loss = Losses.For(LossKind.L1);

    public long Count => data.Count;

    EpochWorkload(LineTensors data, ModelModule model, optim.Optimizer optimizer) =>
        (this.data, this.model, this.optimizer) = (data, model, optimizer);

    public static EpochWorkload OfSize(long count, long seed = 42) => On(LineTensors.OfSize(count), seed);

    /// <summary>Takes ownership of the data: disposing the workload disposes it.</summary>
    public static EpochWorkload On(LineTensors data, long seed = 42)
    {
        manual_seed(seed);
        var model = NotebookModel().Create();
        model.train();
        return new EpochWorkload(data, model, Optimizers.For(OptimizerKind.Sgd, model.parameters(), LearningRate));
    }

    public static TorchModel NotebookModel() =>
        ModelCatalog.Find("parameters").IfNone(() => throw new InvalidOperationException("no 'parameters' model"));

    /// <summary>The Trainer's epoch: returns the training loss read back with item(), as the Trainer's NaN check does.</summary>
    public float Run()
    {
        using var scope = NewDisposeScope();
        var trainLoss = loss(model.call(data.X), data.Y);
        optimizer.zero_grad();
        trainLoss.backward();
        optimizer.step();
        return trainLoss.item<float>();
    }

    /// <summary>The same epoch without reading the loss back, to measure what item() costs.</summary>
    public void RunWithoutItem()
    {
        using var scope = NewDisposeScope();
        var trainLoss = loss(model.call(data.X), data.Y);
        optimizer.zero_grad();
        trainLoss.backward();
        optimizer.step();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        data.Dispose();
    }
}
