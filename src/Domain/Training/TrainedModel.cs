using Functional.Domain.Data;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// The outcome of training: parameters before and after, the evaluation log (the epochs the notebook prints), the last
/// epoch's losses (epoch <c>epochs - 1</c>, evaluated whether or not it is an evaluation epoch) and the test predictions.
/// </summary>
public sealed record TrainedModel(
    string ModelKey,
    StateDict Initial,
    StateDict Final,
    Seq<EpochLog> Log,
    EpochLog LastEpoch,
    Floats TestPredictions);
