using Functional.Domain.Training;
using LanguageExt.Common;

namespace Functional.Cli.Progress;

/// <summary>How the shell's consumption of the training stream ended.</summary>
public abstract record TrainingOutcome;

public sealed record TrainingCompleted(TrainedModel Model) : TrainingOutcome;

/// <summary>Training could not go on (e.g. a non-finite loss) or produced no result.</summary>
public sealed record TrainingBroke(Error Error) : TrainingOutcome;

/// <summary>Ctrl+C: the stream was left after the epoch that was running; <paramref name="EpochsDone"/> epochs completed.</summary>
public sealed record TrainingInterrupted(int EpochsDone, int Epochs) : TrainingOutcome;
