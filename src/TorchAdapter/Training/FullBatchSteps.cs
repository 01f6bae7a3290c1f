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
/// The notebook's epoch: one optimiser step on the whole training split. A split of more rows than
/// <see cref="AutogradSteps.BlockRows"/> is taken in blocks by gradient accumulation, as a PyTorch user writes it when
/// the batch does not fit: for each block <c>loss_fn_sum(model(X_b), y_b) / n</c>, <c>backward()</c> (the gradients
/// add up), then one <c>optimizer.step()</c>; the epoch's loss is the blocks' losses added up. Each block has its own
/// dispose scope, so autograd's temporaries are a block's, not the split's. Above one block the sums are formed per
/// block, so their last bits can differ from a one-shot run's.
/// </summary>
public sealed class FullBatchSteps : AutogradSteps
{
    FullBatchSteps(ModelSpec spec, ModelModule module, TrainingTensors data, TrainingConfig config) : base(spec, module, data, config) { }

    public static Fin<FullBatchSteps> Start(TorchModel model, DatasetSplit split, TrainingConfig config, ComputeDevice device) =>
        Prepare(model, split, config.Seed, device).Map(prepared => new FullBatchSteps(model.Spec, prepared.Module, prepared.Data, config));

    /// <summary>Whether an epoch is taken in more than one block (gradient accumulation).</summary>
    bool InBlocks => Data.TrainX.shape[0] > BlockRows;

    /// <summary>
    /// The loss is read back inside the step's scope, as <c>loss.item()</c> (a float32 widened to a Python float); reading
    /// it is what lets the loop see a diverging run. In blocks, each block's is read and added up in double, as
    /// <c>epoch_loss += loss.item()</c>.
    /// </summary>
    public override Fin<double> TrainEpoch() => ModelFailures.Guard(Spec, () => InBlocks ? UpdateInBlocks(readLoss: true) : UpdateWhole(readLoss: true));

    /// <summary>The same update with its loss left unread, for measuring what reading it costs (bench/).</summary>
    public Fin<LanguageExt.Unit> UpdateWithoutReadingLoss() => ModelFailures.Guard(Spec, () =>
    {
        _ = InBlocks ? UpdateInBlocks(readLoss: false) : UpdateWhole(readLoss: false);
        return LanguageExt.Unit.Default;
    });

    double UpdateWhole(bool readLoss)
    {
        using var scope = NewDisposeScope();
        Module.train();
        var loss = Loss(Module.call(Data.TrainX), Data.TrainY);
        Optimizer.zero_grad();
        loss.backward();
        Optimizer.step();
        return readLoss ? loss.item<float>() : double.NaN;
    }

    double UpdateInBlocks(bool readLoss)
    {
        Module.train();
        Optimizer.zero_grad();
        var count = Data.TrainX.shape[0];
        var epochLoss = 0.0;
        foreach (var (start, length) in RowChunks.Of(count, BlockRows))
        {
            using var scope = NewDisposeScope();
            var loss = SummedLoss(Module.call(Data.TrainX.narrow(0, start, length)), Data.TrainY.narrow(0, start, length)).div(count);
            loss.backward();
            if (readLoss) epochLoss += loss.item<float>();
        }
        using (NewDisposeScope()) Optimizer.step();
        return readLoss ? epochLoss : double.NaN;
    }
}
