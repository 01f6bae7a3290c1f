using Functional.Cli.Native;
using Functional.Cli.Options;
using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Domain.Persistence;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using LanguageExt;
using TorchSharp;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.Cli;

/// <summary>The imperative shell: read the arguments, run the pure workflow, print, save, reload and compare.</summary>
public static class CliApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var models = ModelCatalog.All;
        var (options, parseErrors) = ArgumentParser.Parse(args);
        if (options.ShowHelp && parseErrors.IsEmpty)
        {
            foreach (var line in HelpText.Lines(models)) stdout.WriteLine(line);
            return Success;
        }

        var problems = parseErrors
            + SettingsValidation.Validate(options.Settings, models.Map(m => m.Key)).Match(Succ: _ => Seq<Error>(), Fail: e => e)
            + OutputPathCheck.Problems("--out", options.OutPath);
        if (!problems.IsEmpty) return Report(stderr, problems, BadInput);

        return TorchBackend.LoadAndPickDevice().Match(
            Succ: device => RunNotebook(options, models, device, stdout, stderr),
            Fail: error => Report(stderr, Seq1(error), Failure));
    }

    static int RunNotebook(CliOptions options, Seq<ModelKind> models, Device device, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"Using device: {device.type.ToString().ToLowerInvariant()}");
        return NotebookWorkflow.Run(options.Settings, models, device).Match(
            Succ: result => SaveReloadAndPrint(result, options.OutPath, device, stdout, stderr),
            Fail: error => Report(stderr, Errors(error), Failure));
    }

    static int SaveReloadAndPrint(WorkflowResult result, string outPath, Device device, TextWriter stdout, TextWriter stderr)
    {
        var moduleRepr = ModuleRepr(result.Kind);
        Print(stdout, NotebookTranscript.DataCells(result));
        Print(stdout, NotebookTranscript.ModelCells(moduleRepr, result.Trained.Initial));
        Print(stdout, NotebookTranscript.TrainingCells(result.Trained.Log));
        Print(stdout, NotebookTranscript.PredictionCells(result.Trained.TestPredictions));

        stdout.WriteLine(NotebookTranscript.Saving(outPath));
        var saved = CreateFolderFor(outPath).Bind(_ => AtomicFile.Write(outPath, TorchSaveFormat.Write(result.Trained.Final)));
        if (saved.IsFail) return Report(stderr, saved.Match(Succ: _ => Seq<Error>(), Fail: Errors), Failure);

        var reloaded =
            from bytes in ReadFile(outPath)
            from loaded in ModelFile.Read(bytes, allowNonFinite: false)
            from comparison in Reload(result, loaded.StateDict, device)
            select comparison;
        return reloaded.Match(
            Succ: lines => { Print(stdout, lines); return Success; },
            Fail: error => Report(stderr, Errors(error), Failure));
    }

    /// <summary>A fresh instance (as <c>LinearRegressionModel()</c> in the notebook), loaded strictly, then predicting the test split.</summary>
    static Fin<Seq<string>> Reload(WorkflowResult result, Domain.Tensors.StateDict stateDict, Device device)
    {
        using var model = result.Kind.Create();
        return NotebookWorkflow.ToFin(model.LoadStateDict(stateDict)).Map(_ =>
        {
            model.to(device);
            using var testX = TrainingTensors.Column(result.Split.Test.X, device);
            var predictions = Trainer.Predict(model, testX);
            return NotebookTranscript.ReloadCells(model.ToString() ?? "", result.Trained.TestPredictions, predictions, model.ToStateDict());
        });
    }

    static string ModuleRepr(ModelKind kind)
    {
        using var model = kind.Create();
        return model.ToString() ?? kind.ClassName;
    }

    /// <summary>As the notebook's <c>MODEL_PATH.mkdir(parents=True, exist_ok=True)</c>.</summary>
    static Fin<Unit> CreateFolderFor(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return FinSucc(unit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<Unit>(Error.New($"cannot create the folder for '{path}': {e.Message}"));
        }
    }

    static Fin<byte[]> ReadFile(string path)
    {
        try { return FinSucc(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<byte[]>(Error.New($"cannot read '{path}': {e.Message}"));
        }
    }

    static void Print(TextWriter writer, Seq<string> lines)
    {
        foreach (var line in lines) writer.WriteLine(line);
    }

    static Seq<Error> Errors(Error error) => error is ManyErrors many ? many.Errors : Seq1(error);

    static int Report(TextWriter stderr, Seq<Error> errors, int exitCode)
    {
        foreach (var error in errors) stderr.WriteLine($"error: {error.Message}");
        return exitCode;
    }
}
