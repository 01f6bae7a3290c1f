using System.Globalization;
using Functional.Domain.Models;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// The notebook's training loop, once for every way of stepping: a lazy stream of one event per epoch and exactly one
/// ending, so a consumer can show progress or stop between epochs. Its rules: <see cref="TrainingConfig.Epochs"/>
/// epochs, a test loss on evaluation epochs and on the last epoch (recorded, not printed: evaluating is inference only,
/// so it changes no number), and a stop with one error at the first training loss that is not finite.
/// Its memory does not grow with the epochs: what it keeps of the evaluations is a bounded <see cref="LossCurve"/>.
/// </summary>
public static class TrainingLoop
{
    /// <summary>The steps are started when the stream is first read, and disposed when it ends or is abandoned.</summary>
    public static IEnumerable<TrainingEvent> Run(ModelSpec model, TrainingConfig config, Func<Fin<ITrainingSteps>> start)
    {
        var started = start();
        if (started.IsFail)
        {
            yield return Failed(started);
            yield break;
        }
        using var steps = started.IfFail(_ => throw new InvalidOperationException("checked above"));
        var initial = steps.StateDict();
        if (initial.IsFail)
        {
            yield return Failed(initial);
            yield break;
        }

        // Bounded whatever the epoch count: the full log is the stream of events itself.
        var curve = new LossCurve.Builder();
        var last = Option<EpochLog>.None;
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var trained = steps.TrainEpoch().Bind(loss => Finite(loss, epoch, config));
            if (trained.IsFail)
            {
                yield return Failed(trained);
                yield break;
            }
            var trainLoss = Value(trained);
            var (evaluation, isLast) = (config.IsEvaluationEpoch(epoch), epoch == config.Epochs - 1);
            var testLoss = Option<float>.None;
            if (evaluation || isLast)
            {
                var tested = steps.Evaluate();
                if (tested.IsFail)
                {
                    yield return Failed(tested);
                    yield break;
                }
                var entry = new EpochLog(epoch, trainLoss, Value(tested));
                if (evaluation)
                {
                    testLoss = entry.TestLoss;
                    curve.Add(entry);
                }
                if (isLast) last = entry;
            }
            yield return new EpochCompleted(epoch, config.Epochs, trainLoss, testLoss);
        }

        var finished =
            from first in initial
            from lastEpoch in last.ToFin(Error.New("training ran no epoch"))
            from final in steps.StateDict()
            from predictions in steps.PredictTest()
            select new TrainedModel(model.Key, first, final, curve.Build(), lastEpoch, predictions);
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
    static Fin<double> Finite(double loss, int epoch, TrainingConfig config) =>
        double.IsFinite(loss)
            ? FinSucc(loss)
            : FinFail<double>(Error.New(epoch == 0 && config.Step is not StepKind.MiniBatch
                ? $"training stopped at epoch 0: the training loss of the initial parameters is {Describe(loss)} in float32, before any step; " +
                  "the line's values are too large for this loss (use smaller --weight, --bias, --start and --end, or --loss l1)"
                : $"training stopped at epoch {epoch}: the training loss is {Describe(loss)}; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)})"));

    static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "infinite" : "-infinite";

    static TrainingFailed Failed<A>(Fin<A> failure) => new(failure.Match(Succ: _ => Error.New("no failure"), Fail: error => error));

    static A Value<A>(Fin<A> success) => success.IfFail(_ => throw new InvalidOperationException("checked above"));
}
