using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.Domain.Training.Schedules;
using LanguageExt;
using static Functional.Formats.Checkpoints.PythonObject;
using static LanguageExt.Prelude;

namespace Functional.Formats.Checkpoints;

/// <summary>
/// A <see cref="Checkpoint"/> as the dictionary of PyTorch's "saving and loading a general checkpoint" recipe, key for
/// key and in its order: epoch, model_state_dict, optimizer_state_dict (what 1.13's optimizer.state_dict() holds for SGD
/// and Adam), loss, then scheduler_state_dict (1.13's scheduler.state_dict()) when there is a scheduler,
/// generator_state (the DataLoader generator's g.get_state()) for mini-batches, and early_stopping_state_dict when
/// early stopping or --restore-best watches the test loss (Lightning keeps its callbacks' state in its checkpoints too).
/// </summary>
internal static class CheckpointDictionary
{
    public static PythonObject Dictionary(Checkpoint checkpoint)
    {
        var items = new List<(string, PythonObject)>
        {
            ("epoch", Of((long)checkpoint.Epoch)),
            ("model_state_dict", new ModuleStateDict(checkpoint.Steps.Model)),
            ("optimizer_state_dict", Optimizer(checkpoint.Steps.Optimizer)),
            ("loss", Of(checkpoint.Loss)),
        };
        Scheduler(checkpoint.Scheduler).Iter(scheduler => items.Add(("scheduler_state_dict", scheduler)));
        checkpoint.Steps.Generator.Iter(state => items.Add(("generator_state", new ByteTensor(state))));
        if (checkpoint.Monitor.Spec.IsOn) items.Add(("early_stopping_state_dict", EarlyStopping(checkpoint.Monitor, checkpoint.Best)));
        return DictOf(items.ToArray());
    }

    static PythonObject Optimizer(OptimizerState optimizer)
    {
        var state = new Dict(toSeq(optimizer.Parameters.Select((parameter, index) => ((PythonObject)Of((long)index), ParameterStateOf(parameter)))).Strict());
        var group = optimizer.Kind == OptimizerKind.Adam
            ? new List<(string, PythonObject)>
            {
                ("lr", Of(optimizer.LearningRate)), ("betas", new PythonObject.Tuple(Seq(Of(0.9), Of(0.999)))), ("eps", Of(1e-08)),
                ("weight_decay", Of(0L)), ("amsgrad", Of(false)), ("maximize", Of(false)), ("foreach", NoneValue), ("capturable", Of(false)),
                ("differentiable", Of(false)), ("fused", Of(false)),
            }
            : new List<(string, PythonObject)>
            {
                ("lr", Of(optimizer.LearningRate)), ("momentum", Of(0L)), ("dampening", Of(0L)), ("weight_decay", Of(0L)),
                ("nesterov", Of(false)), ("maximize", Of(false)), ("foreach", NoneValue), ("differentiable", Of(false)),
            };
        optimizer.InitialLearningRate.Iter(initial => group.Add(("initial_lr", Of(initial))));
        group.Add(("params", new PythonObject.List(toSeq(optimizer.Parameters.Select((_, index) => Of((long)index))).Strict())));
        return DictOf(("state", state), ("param_groups", new PythonObject.List(Seq1(DictOf(group.ToArray())))));
    }

    /// <summary>Adam's step is a float32 0-d tensor in 1.13, so a count past 2^24 is rounded as PyTorch's own is.</summary>
    static PythonObject ParameterStateOf(ParameterState parameter) => parameter switch
    {
        ParameterState.Adam adam => DictOf(
            ("step", new FloatTensor(Seq<long>(), Seq1((float)adam.Step))),
            ("exp_avg", new FloatTensor(adam.ExpAvg.Shape, adam.ExpAvg.Data)),
            ("exp_avg_sq", new FloatTensor(adam.ExpAvgSq.Shape, adam.ExpAvgSq.Data))),
        _ => DictOf(("momentum_buffer", NoneValue)),
    };

    static Option<PythonObject> Scheduler(LearningRateScheduler scheduler) => scheduler switch
    {
        EpochScheduler epochwise => Some(EpochSchedulerOf(epochwise)),
        PlateauScheduler plateau => Some(DictOf(
            ("factor", Of(plateau.Spec.Factor)), ("min_lrs", new PythonObject.List(Seq1(Of(0L)))), ("patience", Of((long)plateau.Spec.Patience)),
            ("verbose", Of(false)), ("cooldown", Of(0L)), ("cooldown_counter", Of((long)plateau.CooldownCounter)), ("mode", Of("min")),
            ("threshold", Of(0.0001)), ("threshold_mode", Of("rel")), ("best", Of(plateau.Best)), ("num_bad_epochs", Of((long)plateau.NumBadEpochs)),
            ("mode_worse", Of(double.PositiveInfinity)), ("eps", Of(1e-08)), ("last_epoch", Of((long)plateau.LastEpoch)),
            ("_last_lr", new PythonObject.List(Seq1(Of(plateau.Rate)))))),
        _ => Option<PythonObject>.None,
    };

    static PythonObject EpochSchedulerOf(EpochScheduler scheduler)
    {
        var own = scheduler.Spec switch
        {
            ScheduleSpec.StepDecay step => new[] { ("step_size", Of((long)step.StepSize)), ("gamma", Of(step.Gamma)) },
            ScheduleSpec.Exponential exponential => new[] { ("gamma", Of(exponential.Gamma)) },
            ScheduleSpec.Cosine cosine => new[] { ("T_max", Of((long)cosine.TMax)), ("eta_min", Of(0L)) },
            _ => System.Array.Empty<(string, PythonObject)>(),
        };
        return DictOf([
            .. own,
            ("base_lrs", new PythonObject.List(Seq1(Of(scheduler.BaseLr)))),
            ("last_epoch", Of((long)scheduler.LastEpoch)),
            ("verbose", Of(false)),
            ("_step_count", Of((long)scheduler.StepCount)),
            ("_get_lr_called_within_step", Of(false)),
            ("_last_lr", new PythonObject.List(Seq1(Of(scheduler.LastLr)))),
        ]);
    }

    /// <summary>
    /// Lightning's EarlyStopping.state_dict() (wait_count, best_score, patience; not stopped_epoch, which a wait count at
    /// the patience implies) plus what --restore-best
    /// and the run's report need: the best evaluation's epoch, losses and rate, and its weights.
    /// </summary>
    static PythonObject EarlyStopping(TestLossMonitor monitor, Option<BestWeights> best) => DictOf(
        ("wait_count", Of((long)monitor.WaitCount)),
        ("best_score", Of((double)monitor.Best)),
        ("patience", monitor.Spec.Patience.Match(Some: patience => Of((long)patience), None: () => NoneValue)),
        ("min_delta", Of(monitor.Spec.MinDelta)),
        ("best_epoch", best.Match(Some: b => Of((long)b.Log.Epoch), None: () => NoneValue)),
        ("best_train_loss", best.Match(Some: b => Of(b.Log.TrainLoss), None: () => NoneValue)),
        ("best_test_loss", best.Match(Some: b => Of((double)b.Log.TestLoss), None: () => NoneValue)),
        ("best_lr", best.Match(Some: b => Of(b.Log.LearningRate), None: () => NoneValue)),
        ("best_model_state_dict", best.Bind(b => b.Weights).Match(Some: weights => (PythonObject)new ModuleStateDict(weights), None: () => NoneValue)));
}
