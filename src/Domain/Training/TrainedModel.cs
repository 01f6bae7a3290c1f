using Functional.Domain.Data;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// The outcome of training: parameters before and after, the loss curve (bounded: every evaluation of a short run, an
/// even thinning of a long one), the last epoch's losses (epoch <c>epochs - 1</c>, evaluated whether or not it is an
/// evaluation epoch) and the test-set predictions.
/// </summary>
public sealed record TrainedModel(
    string ModelKey,
    StateDict Initial,
    StateDict Final,
    LossCurve Curve,
    EpochLog LastEpoch,
    Floats TestPredictions);
