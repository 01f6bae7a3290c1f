using Functional.Cli.Native;
using Functional.Cli.Options;
using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Cli.Commands;

/// <summary>The main job: the whole notebook, from making the data to reloading the saved model and comparing.</summary>
public static class TrainCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var models = ModelCatalog.All;
        var (options, parseErrors) = ArgumentParser.Parse(args);
        if (options.ShowHelp && parseErrors.IsEmpty)
        {
            ErrorReport.Print(stdout, HelpText.Lines(models).ToSeq());
            return ExitCodes.Success;
        }

        var problems = parseErrors
            + SettingsValidation.Validate(options.Settings, models.Map(m => m.Key)).Match(Succ: _ => Seq<Error>(), Fail: e => e)
            + OutputPathCheck.Problems("--out", options.OutPath);
        if (!problems.IsEmpty) return ErrorReport.Write(stderr, problems, ExitCodes.BadInput);

        return TorchBackend.LoadAndPickDevice().Match(
            Succ: device => RunNotebook(options, models, device, stdout, stderr),
            Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
    }

    static int RunNotebook(CliOptions options, Seq<ModelKind> models, Device device, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"Using device: {device.type.ToString().ToLowerInvariant()}");
        return NotebookWorkflow.Run(options.Settings, models, device).Match(
            Succ: result => SaveReloadAndPrint(result, options, device, stdout, stderr),
            Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
    }

    static int SaveReloadAndPrint(WorkflowResult result, CliOptions options, Device device, TextWriter stdout, TextWriter stderr)
    {
        ErrorReport.Print(stdout, NotebookTranscript.DataCells(result));
        ErrorReport.Print(stdout, NotebookTranscript.ModelCells(result.Kind.Repr, result.Trained.Initial));
        ErrorReport.Print(stdout, NotebookTranscript.TrainingCells(result.Trained.Log));
        ErrorReport.Print(stdout, NotebookTranscript.PredictionCells(result.Trained.TestPredictions));

        stdout.WriteLine(NotebookTranscript.Saving(options.OutPath));
        var format = ModelFileStore.FormatFor(options.OutPath, options.Format);
        var reloaded =
            from saved in ModelFileStore.Save(options.OutPath, result.Trained.Final, format, Provenance.Of(result.Settings))
            from loaded in ModelFileStore.Load(options.OutPath, allowNonFinite: false)
            from lines in Reload(result, loaded.Loaded.StateDict, device)
            select lines;
        return reloaded.Match(
            Succ: lines => { ErrorReport.Print(stdout, lines); return ExitCodes.Success; },
            Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
    }

    /// <summary>A fresh instance (as <c>LinearRegressionModel()</c> in the notebook), loaded strictly, then predicting the test split.</summary>
    static Fin<Seq<string>> Reload(WorkflowResult result, StateDict stateDict, Device device)
    {
        using var model = result.Kind.Create();
        return NotebookWorkflow.ToFin(model.LoadStateDict(stateDict)).Map(_ =>
        {
            model.to(device);
            using var testX = TrainingTensors.Column(result.Split.Test.X, device);
            var predictions = Trainer.Predict(model, testX);
            return NotebookTranscript.ReloadCells(result.Kind.Repr, result.Trained.TestPredictions, predictions, model.ToStateDict());
        });
    }
}
