using Functional.Domain.Data;
using Functional.Domain.Training;

namespace Functional.Domain.Settings;

/// <summary>Everything a run of the notebook's workflow depends on.</summary>
public sealed record RunSettings(DatasetSpec Data, double TrainSplit, TrainingConfig Training, string ModelKey)
{
    public static RunSettings Notebook { get; } = new(DatasetSpec.Notebook, 0.8, TrainingConfig.Notebook, "parameters");
}
