using Functional.Domain.Data;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>Picks the steps the settings ask for and runs them through the one training loop.</summary>
public static class Trainer
{
    /// <summary>The lazy stream of epoch events; nothing trains until it is read.</summary>
    public static IEnumerable<TrainingEvent> Epochs(DatasetSplit split, TrainingConfig config, TorchModel model, ComputeDevice device) =>
        Epochs(split, config, model, device, None);

    /// <summary>The same stream, going on from a checkpoint when there is one.</summary>
    public static IEnumerable<TrainingEvent> Epochs(DatasetSplit split, TrainingConfig config, TorchModel model, ComputeDevice device, Option<Checkpoint> resume) =>
        TrainingLoop.Run(model.Spec, config, () => StepsFor(split, config, model, device), resume);

    /// <summary>The whole run folded to its outcome: the same numbers as consuming <see cref="Epochs"/> to its end.</summary>
    public static Fin<TrainedModel> Train(DatasetSplit split, TrainingConfig config, TorchModel model, ComputeDevice device) =>
        TrainingLoop.Outcome(Epochs(split, config, model, device));

    static Fin<ITrainingSteps> StepsFor(DatasetSplit split, TrainingConfig config, TorchModel model, ComputeDevice device) => config.Step switch
    {
        StepKind.FusedAffine fused => InitialParameters(model, config.Seed)
            .Map(initial => (ITrainingSteps)new AffineGradientSteps(split, config, fused.Form, initial, newArray: LargeArrays.Allocate<float>)),
        StepKind.FusedMiniBatch fused => InitialParameters(model, config.Seed)
            .Map(initial => (ITrainingSteps)new AffineGradientSteps(split, config, fused.Form, initial,
                new AffineGradientSteps.ShuffledBatches(new DataLoaderOrder(config.Seed), fused.Size), LargeArrays.Allocate<float>)),
        StepKind.MiniBatch mini => MiniBatchSteps.Start(model, split, config, mini.Size, device).Map(steps => (ITrainingSteps)steps),
        _ => FullBatchSteps.Start(model, split, config, device).Map(steps => (ITrainingSteps)steps),
    };

    /// <summary>The parameters a seeded model starts from, exactly as the autograd steps draw them.</summary>
    static Fin<StateDict> InitialParameters(TorchModel model, long seed) => ModelFailures.Guard(model.Spec, () =>
    {
        using var module = SeededModels.Create(model, seed);
        return module.ToStateDict();
    });
}
