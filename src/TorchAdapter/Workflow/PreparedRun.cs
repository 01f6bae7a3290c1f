using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Workflow;

/// <summary>A validated run with its data made and split, ready to train.</summary>
public sealed record PreparedRun(RunSettings Settings, Dataset Dataset, DatasetSplit Split, TorchModel Model)
{
    /// <summary>The lazy training stream; nothing trains until it is enumerated.</summary>
    public IEnumerable<TrainingEvent> Training(ComputeDevice device) => Trainer.Epochs(Split, Settings.Training, Model, device);

    /// <summary>The lazy training stream going on from <paramref name="resume"/> (None: from the start).</summary>
    public IEnumerable<TrainingEvent> Training(ComputeDevice device, Option<Checkpoint> resume) =>
        Trainer.Epochs(Split, Settings.Training, Model, device, resume);

    public WorkflowResult With(TrainedModel trained) => new(Settings, Dataset, Split, Model.Spec, trained);
}
