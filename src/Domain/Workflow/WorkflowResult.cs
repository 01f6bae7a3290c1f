using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;

namespace Functional.Domain.Workflow;

/// <summary>Everything the notebook computes before saving: the data, its split, the model and the trained model.</summary>
public sealed record WorkflowResult(RunSettings Settings, Dataset Dataset, DatasetSplit Split, ModelSpec Model, TrainedModel Trained);
