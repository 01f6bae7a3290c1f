using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.Domain.Workflow;

/// <summary>The notebook's cells 1 to 4 as one pipeline: validate, make the line, split it, build the model, train.</summary>
public static class NotebookWorkflow
{
    public static Fin<WorkflowResult> Run(RunSettings settings, Seq<ModelKind> models, Device device) =>
        from prepared in Prepare(settings, models)
        from trained in Trainer.Outcome(prepared.Training(device))
        select prepared.With(trained);

    /// <summary>Everything before training, so a caller can consume the training stream itself (progress, stopping early).</summary>
    public static Fin<PreparedRun> Prepare(RunSettings settings, Seq<ModelKind> models) =>
        from valid in ToFin(SettingsValidation.Validate(settings, models.Map(m => m.Key)))
        from kind in models.Find(m => m.Key == valid.ModelKey).ToFin(Error.New($"unknown model '{valid.ModelKey}'"))
        let dataset = Datasets.Line(valid.Data)
        select new PreparedRun(valid, dataset, Datasets.Split(dataset, valid.TrainSplit), kind);

    public static Fin<A> ToFin<A>(Validation<Error, A> validation) =>
        validation.Match(
            Succ: FinSucc,
            Fail: errors => FinFail<A>(errors.Count == 1 ? errors.Head : Error.Many(errors)));
}
