using System.Globalization;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training.Checkpoints;
using Functional.Domain.Training.Schedules;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// The notebook's training loop, once for every way of stepping: a lazy stream of one event per epoch and exactly one
/// ending, so a consumer can show progress or stop between epochs. Its rules: <see cref="TrainingConfig.Epochs"/>
/// epochs, a test loss on evaluation epochs and on the last epoch (recorded, not printed: evaluating is inference only,
/// so it changes no number), and a stop with one error at the first training loss that is not finite; the learning-rate
/// scheduler stepped as PyTorch's examples step it, and early stopping and the best weights as Lightning's EarlyStopping.
/// Its memory does not grow with the epochs: what it keeps of the evaluations is a bounded <see cref="LossCurve"/>.
/// </summary>
public static class TrainingLoop
{
    /// <summary>The steps are started when the stream is first read, and disposed when it ends or is abandoned.</summary>
    public static IEnumerable<TrainingEvent> Run(ModelSpec model, TrainingConfig config, Func<Fin<ITrainingSteps>> start) =>
        Run(model, config, start, None);

    /// <summary>
    /// The same, going on from <paramref name="resume"/> when there is one: its parameters, optimiser, generator,
    /// scheduler and early-stopping state are put in place and training starts at epoch index <see cref="Checkpoint.Epoch"/>.
    /// </summary>
    public static IEnumerable<TrainingEvent> Run(ModelSpec model, TrainingConfig config, Func<Fin<ITrainingSteps>> start, Option<Checkpoint> resume)
    {
        var started = start();
        if (started.IsFail)
        {
            yield return Failed(started);
            yield break;
        }
        using var steps = started.IfFail(_ => throw new InvalidOperationException("checked above"));
        var restored = resume.Match(Some: checkpoint => steps.Restore(checkpoint.Steps), None: () => FinSucc(unit));
        if (restored.IsFail)
        {
            yield return Failed(restored);
            yield break;
        }
        var initial = steps.StateDict();
        if (initial.IsFail)
        {
            yield return Failed(initial);
            yield break;
        }

        // Bounded whatever the epoch count: the full log is the stream of events itself.
        var curve = new LossCurve.Builder();
        var last = Option<EpochLog>.None;
        var schedule = resume.Map(checkpoint => checkpoint.Scheduler).IfNone(() => LearningRateScheduler.Start(config.Schedule, config.LearningRate));
        var monitor = resume.Map(checkpoint => checkpoint.Monitor).IfNone(() => TestLossMonitor.Start(config.Monitor));
        var best = resume.Bind(checkpoint => checkpoint.Best);
        var firstEpoch = resume.Map(checkpoint => checkpoint.Epoch).IfNone(0);
        for (var epoch = firstEpoch; epoch < config.Epochs; epoch++)
        {
            var rate = schedule.LearningRate;
            var trained = steps.TrainEpoch().Bind(loss => Finite(loss, epoch, config, rate));
            if (trained.IsFail)
            {
                yield return Failed(trained);
                yield break;
            }
            var trainLoss = Value(trained);
            var (evaluates, isLast) = (config.IsEvaluationEpoch(epoch), epoch == config.Epochs - 1);
            var evaluation = Option<Evaluation>.None;
            if (evaluates || isLast)
            {
                var tested = steps.Evaluate();
                if (tested.IsFail)
                {
                    yield return Failed(tested);
                    yield break;
                }
                var entry = new EpochLog(epoch, trainLoss, Value(tested).Loss, rate) { Metrics = Value(tested).Metrics };
                if (evaluates)
                {
                    evaluation = Value(tested);
                    curve.Add(entry);
                    // As a PyTorch loop: the plateau scheduler and early stopping see each evaluation's test loss.
                    schedule = schedule.AfterEvaluation(entry.TestLoss);
                    if (config.Monitor.IsOn)
                    {
                        monitor = monitor.After(epoch, entry.TestLoss);
                        if (monitor.Improved && config.Monitor.RestoreBest)
                        {
                            var weights = steps.StateDict();
                            if (weights.IsFail)
                            {
                                yield return Failed(weights);
                                yield break;
                            }
                            best = Some(new BestWeights(entry, Some(Value(weights))));
                        }
                        else if (monitor.Improved) best = Some(new BestWeights(entry, None));
                    }
                }
                if (isLast || monitor.ShouldStop) last = entry;
            }
            // Epoch-wise schedulers step after the epoch's optimiser steps, as PyTorch's examples call scheduler.step().
            schedule = schedule.AfterEpoch();
            if (schedule.LearningRate != rate)
            {
                var set = steps.SetLearningRate(schedule.LearningRate);
                if (set.IsFail)
                {
                    yield return Failed(set);
                    yield break;
                }
            }
            // What a checkpoint of this moment holds; read before the stream moves on, as the steps' state is live.
            var (done, scheduled, watched, bestSoFar) = (epoch + 1, schedule, monitor, best);
            yield return new EpochCompleted(epoch, config.Epochs, trainLoss, evaluation.Map(e => e.Loss), rate,
                () => steps.Save().Map(state => new Checkpoint(done,
                    state with { Optimizer = state.Optimizer with { InitialLearningRate = InitialRate(scheduled) } },
                    trainLoss, scheduled, watched, bestSoFar)))
            {
                Metrics = evaluation.Map(e => e.Metrics),
            };
            if (monitor.ShouldStop) break;
        }

        var restore = config.Monitor.RestoreBest ? best.Bind(b => b.Weights) : None;
        var monitoring = config.Monitor.IsOn
            ? new MonitorOutcome(monitor.ShouldStop ? last.Map(log => log.Epoch) : None, best.Map(b => b.Log), restore.IsSome)
            : MonitorOutcome.Unwatched;
        var finished =
            from first in initial
            from lastEpoch in last.ToFin(Error.New("training ran no epoch"))
            from _ in restore.Match(Some: steps.LoadStateDict, None: () => FinSucc(unit))
            from final in steps.StateDict()
            from predictions in steps.PredictTest()
            select new TrainedModel(model.Key, first, final, curve.Build(), lastEpoch, predictions, monitoring);
        yield return finished.Match<TrainingEvent>(Succ: trained => new TrainingFinished(trained), Fail: error => new TrainingFailed(error));
    }

    /// <summary>The ending of a stream of events; a stream abandoned before its ending has no outcome.</summary>
    public static Fin<TrainedModel> Outcome(IEnumerable<TrainingEvent> events) =>
        events.Aggregate(
            FinFail<TrainedModel>(Error.New("training ended without a result")),
            (outcome, next) => next switch
            {
                TrainingFinished finished => FinSucc(finished.Model),
                TrainingFailed failed => FinFail<TrainedModel>(failed.Error),
                _ => outcome,
            });

    /// <summary>
    /// As Lightning's check_finite_loss: a loss that is NaN or infinite ends training with one readable line. A full
    /// batch's epoch-0 loss is taken before any step, so the learning rate cannot be the cause there: the data's values
    /// are too large for the loss to be computed in float32 (an MSE of values near 1e20, say). Mini-batches step within
    /// the epoch, so their epoch-0 loss can already have diverged.
    /// </summary>
    static Fin<double> Finite(double loss, int epoch, TrainingConfig config, double rate) =>
        double.IsFinite(loss)
            ? FinSucc(loss)
            : FinFail<double>(Error.New(epoch == 0 && config.Step is not (StepKind.MiniBatch or StepKind.FusedMiniBatch)
                ? $"training stopped at epoch 0: the training loss of the initial parameters is {Describe(loss)} in float32, before any step; " +
                  "the line's values are too large for this loss (use smaller --weight, --bias, --start and --end, or --loss l1)"
                : $"training stopped at epoch {epoch}: the training loss is {Describe(loss)}; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)}{RateNote(config, rate)})"));

    /// <summary>StepLR, ExponentialLR and CosineAnnealingLR add the group's <c>initial_lr</c>; ReduceLROnPlateau does not.</summary>
    static Option<double> InitialRate(LearningRateScheduler scheduler) =>
        scheduler is EpochScheduler epochwise ? Some(epochwise.BaseLr) : None;

    static string RateNote(TrainingConfig config, double rate) =>
        rate == config.LearningRate ? "" : $"; the scheduler had it at {rate.ToString("R", CultureInfo.InvariantCulture)}";

    static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "infinite" : "-infinite";

    static TrainingFailed Failed<A>(Fin<A> failure) => new(failure.Match(Succ: _ => Error.New("no failure"), Fail: error => error));

    static A Value<A>(Fin<A> success) => success.IfFail(_ => throw new InvalidOperationException("checked above"));
}
