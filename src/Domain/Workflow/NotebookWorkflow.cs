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
        from valid in ToFin(SettingsValidation.Validate(settings, models.Map(m => m.Key)))
        from kind in models.Find(m => m.Key == valid.ModelKey).ToFin(Error.New($"unknown model '{valid.ModelKey}'"))
        let dataset = Datasets.Line(valid.Data)
        let split = Datasets.Split(dataset, valid.TrainSplit)
        from trained in Trainer.Train(split, valid.Training, kind, device)
        select new WorkflowResult(valid, dataset, split, kind, trained);

    public static Fin<A> ToFin<A>(Validation<Error, A> validation) =>
        validation.Match(
            Succ: FinSucc,
            Fail: errors => FinFail<A>(errors.Count == 1 ? errors.Head : Error.Many(errors)));
}
