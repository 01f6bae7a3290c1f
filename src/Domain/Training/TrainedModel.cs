using Functional.Domain.Data;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>The outcome of training: parameters before and after, the evaluation log and the test-set predictions.</summary>
public sealed record TrainedModel(
    string ModelKey,
    StateDict Initial,
    StateDict Final,
    Seq<EpochLog> Log,
    Floats TestPredictions);
