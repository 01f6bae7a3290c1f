using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using static TorchSharp.torch;

namespace Functional.Domain.Workflow;

/// <summary>A validated run with its data made and split, ready to train.</summary>
public sealed record PreparedRun(RunSettings Settings, Dataset Dataset, DatasetSplit Split, ModelKind Kind)
{
    /// <summary>The lazy training stream; nothing trains until it is enumerated.</summary>
    public IEnumerable<TrainingEvent> Training(Device device) => Trainer.Epochs(Split, Settings.Training, Kind, device);

    public WorkflowResult With(TrainedModel trained) => new(Settings, Dataset, Split, Kind, trained);
}
