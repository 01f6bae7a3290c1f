using System.Globalization;
using Functional.Domain.Models;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// The notebook's training loop, once for every way of stepping: a lazy stream of one event per epoch and exactly one
/// ending, so a consumer can show progress or stop between epochs. Its rules: <see cref="TrainingConfig.Epochs"/>
/// epochs, a test loss on evaluation epochs, and a stop with one error at the first training loss that is not finite.
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

        var log = new List<EpochLog>();
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var trained = steps.TrainEpoch().Bind(loss => Finite(loss, epoch, config));
            if (trained.IsFail)
            {
                yield return Failed(trained);
                yield break;
            }
            var trainLoss = Value(trained);
            var evaluation = Option<Evaluation>.None;
            if (config.IsEvaluationEpoch(epoch))
            {
                var tested = steps.Evaluate();
                if (tested.IsFail)
                {
                    yield return Failed(tested);
                    yield break;
                }
                evaluation = Value(tested);
                log.Add(new EpochLog(epoch, trainLoss, Value(tested).Loss) { Metrics = Value(tested).Metrics });
            }
            yield return new EpochCompleted(epoch, config.Epochs, trainLoss, evaluation.Map(e => e.Loss)) { Metrics = evaluation.Map(e => e.Metrics) };
        }

        var finished =
            from first in initial
            from final in steps.StateDict()
            from predictions in steps.PredictTest()
            select new TrainedModel(model.Key, first, final, toSeq(log).Strict(), predictions);
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

    /// <summary>As Lightning's check_finite_loss: a loss that is NaN or infinite ends training with one readable line.</summary>
    static Fin<float> Finite(float loss, int epoch, TrainingConfig config) =>
        float.IsFinite(loss)
            ? FinSucc(loss)
            : FinFail<float>(Error.New(
                $"training stopped at epoch {epoch}: the training loss is {Describe(loss)}; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)})"));

    static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "infinite" : "-infinite";

    static TrainingFailed Failed<A>(Fin<A> failure) => new(failure.Match(Succ: _ => Error.New("no failure"), Fail: error => error));

    static A Value<A>(Fin<A> success) => success.IfFail(_ => throw new InvalidOperationException("checked above"));
}
