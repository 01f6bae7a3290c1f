using Functional.Domain.Data;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// The outcome of training: parameters before and after, the loss curve (bounded: every evaluation of a short run, an
/// even thinning of a long one), the last epoch's losses (epoch <c>epochs - 1</c>, evaluated whether or not it is an
/// evaluation epoch, or the one early stopping stopped after) and the test-set predictions (of the best evaluated weights
/// under --restore-best, as <see cref="Final"/>); what watching the test loss found.
/// </summary>
public sealed record TrainedModel(
    string ModelKey,
    StateDict Initial,
    StateDict Final,
    LossCurve Curve,
    EpochLog LastEpoch,
    Floats TestPredictions,
    MonitorOutcome Monitoring);

/// <summary>
/// The epoch early stopping stopped after (None: it did not stop training), and the best evaluation by its rule (None:
/// the test loss was not watched, or never improved on infinity); <see cref="Restored"/> when the final weights are the best's.
/// </summary>
public sealed record MonitorOutcome(Option<int> StoppedAt, Option<EpochLog> Best, bool Restored)
{
    public static MonitorOutcome Unwatched { get; } = new(Option<int>.None, Option<EpochLog>.None, false);
}
