using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>The notebook's epoch: one optimiser step on the whole training split.</summary>
public sealed class FullBatchSteps : AutogradSteps
{
    FullBatchSteps(ModelSpec spec, ModelModule module, TrainingTensors data, TrainingConfig config) : base(spec, module, data, config) { }

    public static Fin<FullBatchSteps> Start(TorchModel model, DatasetSplit split, TrainingConfig config, ComputeDevice device) =>
        Prepare(model, split, config.Seed, device).Map(prepared => new FullBatchSteps(model.Spec, prepared.Module, prepared.Data, config));

    /// <summary>
    /// The loss is read back inside the step's scope, as <c>loss.item()</c> (a float32 widened to a Python float); reading
    /// it is what lets the loop see a diverging run.
    /// </summary>
    public override Fin<double> TrainEpoch() => ModelFailures.Guard(Spec, () =>
    {
        using var scope = NewDisposeScope();
        return (double)Update().item<float>();
    });

    /// <summary>The same update with its loss left unread, for measuring what reading it costs (bench/).</summary>
    public Fin<LanguageExt.Unit> UpdateWithoutReadingLoss() => ModelFailures.Guard(Spec, () =>
    {
        using var scope = NewDisposeScope();
        Update();
        return LanguageExt.Unit.Default;
    });

    Tensor Update()
    {
        Module.train();
        var loss = Loss(Module.call(Data.TrainX), Data.TrainY);
        Optimizer.zero_grad();
        loss.backward();
        Optimizer.step();
        return loss;
    }
}
