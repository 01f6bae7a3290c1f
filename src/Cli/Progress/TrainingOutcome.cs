using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Cli.Progress;

/// <summary>How the shell's consumption of the training stream ended.</summary>
public abstract record TrainingOutcome;

public sealed record TrainingCompleted(TrainedModel Model) : TrainingOutcome;

/// <summary>Training could not go on (e.g. a non-finite loss) or produced no result.</summary>
public sealed record TrainingBroke(Error Error) : TrainingOutcome;

/// <summary>
/// Ctrl+C: the stream was left after the epoch that was running; <paramref name="EpochsDone"/> epochs completed.
/// <paramref name="Checkpoint"/> is the state after the last of them, taken before the stream was let go (None: no epoch finished).
/// </summary>
public sealed record TrainingInterrupted(int EpochsDone, int Epochs, Option<Fin<Checkpoint>> Checkpoint) : TrainingOutcome;
