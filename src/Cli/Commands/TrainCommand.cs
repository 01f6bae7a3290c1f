using System.Diagnostics;
using Functional.Cli.Native;
using Functional.Cli.Options;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
using Functional.Cli.Runs;
using Functional.Cli.Storage;
using Functional.Display.Notebook;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.Domain;
using Functional.Formats.Runs;
using Functional.Formats;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using Functional.TorchAdapter.Workflow;
using LanguageExt.Common;
using LanguageExt;
using TorchSharp;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.Cli.Commands;

/// <summary>The main job: the whole notebook, from making the data to reloading the saved model and comparing.</summary>
public static class TrainCommand
{
    /// <summary>"More than a second or so": shorter runs finish before a bar would be worth drawing.</summary>
    static readonly TimeSpan LongRun = TimeSpan.FromSeconds(1);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var models = ModelCatalog.All;
        var (options, parseErrors) = ArgumentParser.Parse(args);
        if (options.ShowHelp && parseErrors.IsEmpty)
        {
            ErrorReport.Print(stdout, HelpText.Lines(models.Map(m => m.Spec)).ToSeq());
            return ExitCodes.Success;
        }

        var settings = RunSettings.Create(options.Settings, models.Map(m => m.Spec));
        var problems = parseErrors
            + settings.Match(Succ: _ => Seq<Error>(), Fail: e => e)
            + OutputPathCheck.Problems("--out", options.OutPath)
            + (options.WritePlots ? OutputFolderCheck.Problems("--plots", options.PlotsFolder) : Seq<Error>())
            + (options.WriteRuns ? OutputFolderCheck.Problems("--runs", options.RunsFolder) : Seq<Error>());
        if (!problems.IsEmpty) return ErrorReport.Write(stderr, problems, ExitCodes.BadInput);
        var valid = settings.Match(Succ: s => s, Fail: _ => throw new InvalidOperationException("checked above"));

        // Skia and ScottPlot take a quarter of a second to warm up; that happens on the second core while libtorch
        // loads and the model trains. Native work must not be running when the process exits, so every way out waits.
        var plotsWarm = options.WritePlots ? Task.Run(PlotFiles.WarmUp) : Task.CompletedTask;
        try
        {
            return TorchBackend.LoadAndPickDevice().Match(
                Succ: device => RunNotebook(valid, options, models, device, stdout, stderr),
                Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
        }
        finally
        {
            Task.WaitAny(plotsWarm); // waits without rethrowing: a warm-up that failed leaves the real rendering to report it
        }
    }

    static int RunNotebook(RunSettings settings, CliOptions options, Seq<TorchModel> models, Device device, TextWriter stdout, TextWriter stderr)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        // Ctrl+C asks training to stop after the current epoch instead of killing the process mid-write.
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            stderr.WriteLine($"Using device: {device.type.ToString().ToLowerInvariant()}");
            return NotebookWorkflow.Prepare(settings, models).Match(
                Succ: prepared =>
                {
                    var training = Stopwatch.StartNew();
                    var outcome = TrainingProgress.Run(prepared.Training(device), prepared.Settings.Training.Epochs,
                        ProgressDelay(options.Progress), stderr, interrupt.Token);
                    training.Stop();
                    return outcome switch
                    {
                        TrainingCompleted completed => SaveReloadAndPrint(prepared.With(completed.Model), options, device, stdout, stderr,
                            timing: (startedAt, training.Elapsed, total)),
                        TrainingInterrupted stopped => Interrupted(stderr, stopped),
                        TrainingBroke broke => ErrorReport.Write(stderr, broke.Error, ExitCodes.Failure),
                        _ => ErrorReport.Write(stderr, Error.New("training ended in an unknown way"), ExitCodes.Failure),
                    };
                },
                Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The bar goes to stderr, so it never changes stdout; on its own it shows only when a person is watching both streams.</summary>
    static Option<TimeSpan> ProgressDelay(ProgressMode mode) => mode switch
    {
        ProgressMode.Always => Some(TimeSpan.Zero),
        ProgressMode.Auto when !Console.IsOutputRedirected && !Console.IsErrorRedirected => Some(LongRun),
        _ => None,
    };

    static int Interrupted(TextWriter stderr, TrainingInterrupted stopped)
    {
        stderr.WriteLine($"interrupted: training stopped after {stopped.EpochsDone} of {stopped.Epochs} epochs; no model file was written");
        return ExitCodes.Interrupted;
    }

    static int SaveReloadAndPrint(WorkflowResult result, CliOptions options, Device device, TextWriter stdout, TextWriter stderr,
        (DateTimeOffset StartedAt, TimeSpan Training, Stopwatch Total) timing)
    {
        // Rendering the PNGs (ScottPlot and Skia warming up) takes about as long as printing, saving and reloading,
        // so it runs beside them on the second core; the files are written only once the reload has succeeded.
        var figures = options.WritePlots ? Task.Run(() => PlotFiles.Render(result)) : Task.FromResult(Seq<(string File, byte[] Png)>());
        try
        {
            ErrorReport.Print(stdout, NotebookTranscript.DataCells(result));
            ErrorReport.Print(stdout, NotebookTranscript.ModelCells(result.Model.Repr, result.Trained.Initial));
            ErrorReport.Print(stdout, NotebookTranscript.TrainingCells(result.Trained.Log));
            ErrorReport.Print(stdout, NotebookTranscript.PredictionCells(result.Trained.TestPredictions));

            stdout.WriteLine(NotebookTranscript.Saving(options.OutPath));
            var format = ModelFileStore.FormatFor(options.OutPath, options.Format);
            var reloaded =
                from saved in ModelFileStore.Save(options.OutPath, result.Trained.Final, format, Provenance.Of(result.Settings, Versions))
                from loaded in ModelFileStore.Load(options.OutPath, allowNonFinite: false)
                from lines in Reload(result, loaded.Loaded.StateDict, device)
                select lines;
            var recorded =
                from lines in reloaded
                from plots in options.WritePlots ? PlotFiles.Write(options.PlotsFolder, figures.Result) : FinSucc(Seq<string>())
                from run in options.WriteRuns
                    ? RunRecord.Write(options.RunsFolder, result, new RunFacts(timing.StartedAt, timing.Training, timing.Total.Elapsed,
                        options.OutPath, format == ModelFileFormat.Safetensors ? "safetensors" : "pt", plots, Versions)).Map(Some)
                    : FinSucc(Option<string>.None)
                select (lines, plots, run);
            return recorded.Match(
                Succ: written =>
                {
                    ErrorReport.Print(stdout, written.lines);
                    // The notebook's transcript owns stdout (it is compared line for line with PyTorch's), so the files we add are named on stderr.
                    foreach (var plot in written.plots) stderr.WriteLine($"Wrote {plot}");
                    written.run.IfSome(folder => stderr.WriteLine($"Wrote {Path.Combine(folder, RunRecord.MetricsFile)} and {RunRecord.RunFile}"));
                    return ExitCodes.Success;
                },
                Fail: error => ErrorReport.Write(stderr, error, ExitCodes.Failure));
        }
        finally
        {
            Task.WaitAny(figures);
        }
    }

    static SoftwareVersions Versions => new(
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(TrainCommand).Assembly)?.InformationalVersion.Split('+')[0] ?? "unknown",
        TorchVersions.TorchSharp, TorchVersions.LibTorch, Environment.Version.ToString());

    /// <summary>A fresh instance (as <c>LinearRegressionModel()</c> in the notebook), loaded strictly, then predicting the test split.</summary>
    static Fin<Seq<string>> Reload(WorkflowResult result, StateDict stateDict, Device device)
    {
        return
            from model in ModelCatalog.Find(result.Model.Key).ToFin(Error.New($"unknown model '{result.Model.Key}'"))
            from reloaded in Predictions.OfLoaded(model, stateDict, result.Split.Test.X, result.Split.Test.Features, device)
            select NotebookTranscript.ReloadCells(result.Model.Repr, result.Trained.TestPredictions, reloaded.Predictions, reloaded.StateDict);
    }
}
