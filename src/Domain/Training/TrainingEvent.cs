using Functional.Domain.Metrics;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Domain.Training;

/// <summary>What training reports as it goes: one <see cref="EpochCompleted"/> per epoch, then exactly one ending.</summary>
public abstract record TrainingEvent;

/// <summary>
/// One epoch done, with the learning rate its steps used; <paramref name="TestLoss"/> and <see cref="Metrics"/> are there
/// only on evaluation epochs. <paramref name="Checkpoint"/> captures the state after this epoch; it reads the live
/// steps, so it must be called before the stream moves on.
/// </summary>
public sealed record EpochCompleted(int Epoch, int Epochs, double TrainLoss, Option<float> TestLoss, double LearningRate,
    Func<Fin<Checkpoint>> Checkpoint) : TrainingEvent
{
    public Option<RegressionMetrics> Metrics { get; init; }
}

/// <summary>The last event of a run that went through every epoch.</summary>
public sealed record TrainingFinished(TrainedModel Model) : TrainingEvent;

/// <summary>The last event of a run that could not go on, e.g. because the loss stopped being finite.</summary>
public sealed record TrainingFailed(Error Error) : TrainingEvent;
