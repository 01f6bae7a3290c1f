using Functional.Domain.Training.Schedules;
using LanguageExt;

namespace Functional.Domain.Training.Checkpoints;

/// <summary>
/// What a checkpoint file holds, as read: the recipe's dictionary turned back into values. The scheduler's and early
/// stopping's settings come from the file; whether they fit the run that resumes is the settings' check, not the reader's.
/// </summary>
public sealed record SavedCheckpoint(
    int Epoch,
    StepsState Steps,
    double Loss,
    Option<LearningRateScheduler> Scheduler,
    Option<SavedMonitor> Monitor);

/// <summary>early_stopping_state_dict: the wait count, the best score, and the best evaluation with its weights when kept.</summary>
public sealed record SavedMonitor(int WaitCount, float BestScore, Option<BestWeights> Best);


/// <summary>Whether a checkpoint read from a file can go on as the run the settings describe, and the checkpoint it goes on from.</summary>
public static class Resumption
{
    /// <summary>Every mismatch at once, each naming what the checkpoint holds and what the run asks for.</summary>
    public static Validation<LanguageExt.Common.Error, Checkpoint> Check(SavedCheckpoint saved, TrainingConfig config, Tensors.StateDictSpec model)
    {
        var problems = new List<string>();
        if (saved.Epoch < 1 || saved.Epoch >= config.Epochs)
            problems.Add($"has {saved.Epoch} epochs done; --epochs ({config.Epochs}) must be more, so that training goes on");
        Tensors.StateDictCheck.Against(model, saved.Steps.Model).IfFail(errors => problems.AddRange(errors.Map(e => $"does not fit the model: {e.Message}")));
        if (saved.Steps.Optimizer.Kind != config.Optimizer)
            problems.Add($"holds {Name(saved.Steps.Optimizer.Kind)}'s state; add --optimizer {Name(saved.Steps.Optimizer.Kind)}");
        var savedSchedule = saved.Scheduler.Map(s => s switch
        {
            EpochScheduler e => e.Spec,
            PlateauScheduler p => (ScheduleSpec)p.Spec,
            _ => new ScheduleSpec.Constant(),
        }).IfNone(new ScheduleSpec.Constant());
        if (savedSchedule != config.Schedule)
            problems.Add($"was trained with {Describe(savedSchedule)}; this run asks for {Describe(config.Schedule)} (give the checkpoint's scheduler flags)");
        // The run this checkpoint is from stopped here, as a run whose epochs are all done does: going on would train
        // epochs the uninterrupted run never trained.
        saved.Monitor.Iter(monitor => config.Monitor.Patience.Filter(patience => monitor.WaitCount >= patience).Iter(patience => problems.Add(
            $"was written when early stopping ended its run ({monitor.WaitCount} evaluations without improvement, --early-stop-patience {patience}); " +
            "its weights are that run's result; a larger --early-stop-patience trains on")));
        if (config.Step is StepKind.MiniBatch or StepKind.FusedMiniBatch && saved.Steps.Generator.IsNone)
            problems.Add("has no generator_state, which --batch-size needs to draw the next epoch's mini-batches as the saved run would");
        if (problems.Count > 0)
            return LanguageExt.Prelude.Fail<LanguageExt.Common.Error, Checkpoint>(LanguageExt.Prelude.toSeq(problems.Select(LanguageExt.Common.Error.New)));
        var scheduler = saved.Scheduler.IfNone(() => LearningRateScheduler.Start(config.Schedule, saved.Steps.Optimizer.LearningRate));
        var monitor = saved.Monitor.Match(
            Some: m => TestLossMonitor.Start(config.Monitor) with { Best = m.BestScore, WaitCount = m.WaitCount, BestEpoch = m.Best.Map(b => b.Log.Epoch) },
            None: () => TestLossMonitor.Start(config.Monitor));
        return new Checkpoint(saved.Epoch, saved.Steps, saved.Loss, scheduler, monitor, saved.Monitor.Bind(m => m.Best));
    }

    static string Name(OptimizerKind kind) => kind == OptimizerKind.Adam ? "adam" : "sgd";

    static string Describe(ScheduleSpec spec) => spec switch
    {
        ScheduleSpec.StepDecay s => FormattableString.Invariant($"--lr-scheduler step --lr-step-size {s.StepSize} --lr-gamma {s.Gamma:R}"),
        ScheduleSpec.Exponential e => FormattableString.Invariant($"--lr-scheduler exponential --lr-gamma {e.Gamma:R}"),
        ScheduleSpec.Cosine c => FormattableString.Invariant($"--lr-scheduler cosine --lr-t-max {c.TMax}"),
        ScheduleSpec.Plateau p => FormattableString.Invariant($"--lr-scheduler plateau --lr-factor {p.Factor:R} --lr-patience {p.Patience}"),
        _ => "no --lr-scheduler",
    };
}
