using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Workflow;

/// <summary>The notebook's cells 1 to 4 as one pipeline: make the line, split it, build the model, train.</summary>
public static class NotebookWorkflow
{
    public static Fin<WorkflowResult> Run(RunSettings settings, Seq<TorchModel> models, ComputeDevice device) =>
        from prepared in Prepare(settings, models)
        from trained in TrainingLoop.Outcome(prepared.Training(device))
        select prepared.With(trained);

    /// <summary>Everything before training, so a caller can consume the training stream itself (progress, stopping early).</summary>
    public static Fin<PreparedRun> Prepare(RunSettings settings, Seq<TorchModel> models) =>
        from model in models.Find(m => m.Spec.Key == settings.ModelKey).ToFin(Error.New($"unknown model '{settings.ModelKey}'"))
        select Prepare(settings, model);

    /// <summary>The notebook's line made with libtorch and split; the model is the settings' own.</summary>
    public static PreparedRun Prepare(RunSettings settings, TorchModel model)
    {
        var dataset = LineData.Line(settings.Data);
        return new PreparedRun(settings, dataset, Datasets.Split(dataset, settings.TrainSplit), model);
    }
}
