using Functional.Domain.Training;
using Functional.Domain.Training.Schedules;
using LanguageExt;
using LanguageExt.Common;
using static Functional.Domain.Settings.SettingChecks;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>What a long run's flags may be: each scheduler's arguments, given only with that scheduler, and early stopping's.</summary>
public sealed record ControlSettings(ScheduleSpec Schedule, MonitorSpec Monitor);

internal static class ControlChecks
{
    public static Validation<Error, ControlSettings> Check(ControlInput input, int epochs) =>
        (Schedule(input, epochs), Monitor(input)).Apply((schedule, monitor) => new ControlSettings(schedule, monitor));

    static Validation<Error, ScheduleSpec> Schedule(ControlInput input, int epochs)
    {
        var kind = input.Scheduler;
        var unused =
            Unused("--lr-step-size", input.StepSize.IsSome, kind is not SchedulerKind.Step, "step")
            + Unused("--lr-gamma", input.Gamma.IsSome, kind is not (SchedulerKind.Step or SchedulerKind.Exponential), "step or exponential")
            + Unused("--lr-t-max", input.TMax.IsSome, kind is not SchedulerKind.Cosine, "cosine")
            + Unused("--lr-factor", input.Factor.IsSome, kind is not SchedulerKind.Plateau, "plateau")
            + Unused("--lr-patience", input.SchedulerPatience.IsSome, kind is not SchedulerKind.Plateau, "plateau");
        var spec = kind switch
        {
            SchedulerKind.Step =>
                (input.StepSize.Match(Some: size => Positive("--lr-step-size", size),
                        None: () => Fail<Error, int>(Error.New("--lr-scheduler step needs --lr-step-size N (StepLR's step_size: the rate is multiplied by --lr-gamma every N epochs)"))),
                    Gamma(input.Gamma.IfNone(ControlInput.DefaultStepGamma)))
                .Apply((size, gamma) => (ScheduleSpec)new ScheduleSpec.StepDecay(size, gamma)),
            SchedulerKind.Exponential => input.Gamma.Match(
                Some: gamma => Gamma(gamma).Map(g => (ScheduleSpec)new ScheduleSpec.Exponential(g)),
                None: () => Fail<Error, ScheduleSpec>(Error.New("--lr-scheduler exponential needs --lr-gamma G (ExponentialLR's gamma: the rate is multiplied by G every epoch), e.g. 0.99"))),
            SchedulerKind.Cosine => Positive("--lr-t-max", input.TMax.IfNone(epochs)).Map(tMax => (ScheduleSpec)new ScheduleSpec.Cosine(tMax)),
            SchedulerKind.Plateau =>
                (Factor(input.Factor.IfNone(ControlInput.DefaultPlateauFactor)),
                    AtLeastZero("--lr-patience", input.SchedulerPatience.IfNone(ControlInput.DefaultPlateauPatience)))
                .Apply((factor, patience) => (ScheduleSpec)new ScheduleSpec.Plateau(factor, patience)),
            _ => Success<Error, ScheduleSpec>(new ScheduleSpec.Constant()),
        };
        return unused.IsEmpty ? spec : spec.Match(Succ: _ => Fail<Error, ScheduleSpec>(unused), Fail: errors => Fail<Error, ScheduleSpec>(unused + errors));
    }

    static Seq<Error> Unused(string flag, bool given, bool unused, string scheduler) =>
        given && unused ? Seq1(Error.New($"{flag} is used only with --lr-scheduler {scheduler}; add that or drop {flag}")) : Seq<Error>();

    static Validation<Error, MonitorSpec> Monitor(ControlInput input) =>
        (input.EarlyStopPatience.Match(Some: patience => Positive("--early-stop-patience", patience).Map(Some), None: () => Success<Error, Option<int>>(None)),
            MinDelta(input))
        .Apply((patience, minDelta) => new MonitorSpec(patience, minDelta, input.RestoreBest));

    static Validation<Error, double> MinDelta(ControlInput input)
    {
        var delta = input.EarlyStopMinDelta.IfNone(0);
        var problems = (input.EarlyStopMinDelta.IsSome && input.EarlyStopPatience.IsNone && !input.RestoreBest
                ? Seq1(Error.New("--early-stop-min-delta is used only with --early-stop-patience or --restore-best; add one or drop it"))
                : Seq<Error>())
            + (float.IsFinite((float)delta) && delta >= 0
                ? Seq<Error>()
                : Seq1(Error.New($"--early-stop-min-delta must be a number of at least 0 that float32, the type the test loss is compared in, can hold; got {Show(delta)}")));
        return problems.IsEmpty ? Success<Error, double>(delta) : Fail<Error, double>(problems);
    }

    /// <summary>A multiplier of the rate: PyTorch does not check it, but 0, a negative or a non-finite one makes no schedule.</summary>
    static Validation<Error, double> Gamma(double gamma) =>
        double.IsFinite(gamma) && gamma > 0
            ? Success<Error, double>(gamma)
            : Fail<Error, double>(Error.New($"--lr-gamma must be a number greater than 0 (the rate is multiplied by it), got {Show(gamma)}"));

    /// <summary>ReduceLROnPlateau refuses a factor of 1 or more ("Factor should be < 1.0."); 0 or less would make no rate.</summary>
    static Validation<Error, double> Factor(double factor) =>
        double.IsFinite(factor) && factor > 0 && factor < 1
            ? Success<Error, double>(factor)
            : Fail<Error, double>(Error.New($"--lr-factor must be between 0 and 1 (exclusive), as ReduceLROnPlateau's factor, got {Show(factor)}"));

    static Validation<Error, int> AtLeastZero(string flag, int value) =>
        value >= 0 ? Success<Error, int>(value) : Fail<Error, int>(Error.New($"{flag} must be a whole number of at least 0, got {value}"));
}
