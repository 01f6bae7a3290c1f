using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>The --lr-scheduler words.</summary>
public enum SchedulerKind { None, Step, Exponential, Cosine, Plateau }

/// <summary>
/// The flags that steer a long run, unchecked: the learning-rate scheduler and its arguments (None: not given, so the
/// scheduler's default, or not used), early stopping and --restore-best.
/// </summary>
public sealed record ControlInput(
    SchedulerKind Scheduler,
    Option<int> StepSize,
    Option<double> Gamma,
    Option<int> TMax,
    Option<double> Factor,
    Option<int> SchedulerPatience,
    Option<int> EarlyStopPatience,
    Option<double> EarlyStopMinDelta,
    bool RestoreBest)
{
    /// <summary>The notebook: a fixed learning rate, every epoch trained, the last weights kept.</summary>
    public static ControlInput Notebook { get; } = new(SchedulerKind.None, None, None, None, None, None, None, None, false);

    /// <summary>StepLR's default gamma.</summary>
    public const double DefaultStepGamma = 0.1;

    /// <summary>ReduceLROnPlateau's defaults.</summary>
    public const double DefaultPlateauFactor = 0.1;

    public const int DefaultPlateauPatience = 10;
}
