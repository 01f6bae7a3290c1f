using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// One pass over the training split in shuffled mini-batches, as <c>DataLoader(shuffle=True)</c> with a generator seeded
/// once per run: one optimiser step per batch. The epoch's training loss is the mean over samples. Each batch has its own
/// dispose scope, so memory is bounded by the batch size, not the dataset size.
/// </summary>
public sealed class MiniBatchSteps : AutogradSteps
{
    readonly int batchSize;
    readonly Generator shuffling;

    MiniBatchSteps(ModelSpec spec, ModelModule module, TrainingTensors data, TrainingConfig config, int batchSize)
        : base(spec, module, data, config) =>
        (this.batchSize, shuffling) = (batchSize, new Generator((ulong)config.Seed));

    public static Fin<MiniBatchSteps> Start(TorchModel model, DatasetSplit split, TrainingConfig config, int batchSize, ComputeDevice device) =>
        Prepare(model, split, config.Seed, device).Map(prepared => new MiniBatchSteps(model.Spec, prepared.Module, prepared.Data, config, batchSize));

    public override Fin<float> TrainEpoch() => ModelFailures.Guard(Spec, () =>
    {
        using var epochScope = NewDisposeScope();
        var count = Data.TrainX.shape[0];
        var order = randperm(count, generator: shuffling, device: Data.TrainX.device);
        Module.train();
        var weightedSum = 0.0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
            var loss = Loss(Module.call(Data.TrainX.index_select(0, indices)), Data.TrainY.index_select(0, indices));
            Optimizer.zero_grad();
            loss.backward();
            Optimizer.step();
            weightedSum += (double)loss.item<float>() * indices.shape[0];
        }
        return (float)(weightedSum / count);
    });

    protected override void Release() => shuffling.Dispose();
}
