using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
using Functional.Cli.Runs;
using Functional.Cli.Storage;
using Functional.Display.Notebook;
using Functional.Display.Reports;
using Functional.Domain.Metrics;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.Formats;
using Functional.Formats.Csv;
using Functional.Formats.Runs;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// A run's folder and what goes in it, under <paramref name="Root"/>: run.json, metrics.csv, a copy of the model file
/// and the plots, each named relative to the folder, so no later run can overwrite what the record names.
/// </summary>
public sealed record RunRecordFiles(string Root, string FolderName, Seq<(string Name, OutputContent Content)> Files);

/// <summary>When the run started and how long it took, as the shell measured it; with --data, what it found in the file.</summary>
public sealed record RunTiming(DateTimeOffset StartedAt, TimeSpan Training, Stopwatch Total)
{
    public Option<TableSurvey> Data { get; init; }
}

/// <summary>
/// Everything a finished run writes and prints, computed before anything is written: the transcript (the reload check
/// included, done from the model file's bytes in memory), the model file, the --plots copies, the run's folder, and the
/// stderr lines with the last epoch's losses and the test metrics. The training log in the transcript and in metrics.csv is read from the
/// spool when they are written, never held in memory whole.
/// </summary>
public sealed record TrainOutputs(IEnumerable<string> Transcript, string LastEpoch, string MetricsSummary, Option<string> Monitoring, OutputFile Model,
    Seq<OutputFile> PlotCopies, Option<RunRecordFiles> Record)
{
    public static Fin<TrainOutputs> Of(TrainPlan plan, WorkflowResult result, Func<IEnumerable<EpochLog>> evaluations, TorchModel model,
        ComputeDevice device, RunTiming timing, SoftwareVersions versions)
    {
        // Rendering the PNGs (ScottPlot and Skia warming up) takes about as long as everything else here, so it runs
        // beside it on the second core; native work must not outlive the command, so every way out waits for it.
        var figures = plan.DrawsPlots ? Task.Run(() => PlotFiles.Render(result)) : Task.FromResult(Seq<(string File, byte[] Png)>());
        try
        {
            var bytes = ModelFileFormats.Write(plan.Format, result.Trained.Final, Provenance.Of(result.Settings, versions));
            // Three passes over the test split: computed once for the summary line and run.json.
            var metrics = result.TestMetrics;
            return
                from loaded in ModelFileStore.NamingFile(plan.OutPath, ModelFile.Read(bytes)).AsFailure()
                from reloaded in Predictions.OfLoaded(model, loaded.StateDict, result.Split.Test.X, result.Split.Test.Features, device).AsFailure()
                // The transcript is made while the figures are still rendering; only then is their result awaited.
                let transcript = NotebookTranscript.Of(result, evaluations(), plan.OutPath, reloaded.Predictions, reloaded.StateDict)
                let plots = figures.Result
                select new TrainOutputs(
                    transcript,
                    LastEpochLine(result),
                    MetricsReport.Summary(metrics, result.Split.Test.Count),
                    MonitoringLine(result),
                    new OutputFile(plan.OutPath, bytes),
                    plan.PlotsCopy.Map(folder => plots.Map(figure => new OutputFile(Path.Combine(folder, figure.File), figure.Png)).Strict()).IfNone(Seq<OutputFile>()),
                    plan.RunsFolder.Map(root => RecordOf(root, plan, result, metrics, evaluations, bytes, plots, timing, versions)));
        }
        finally
        {
            Task.WaitAny(figures); // without rethrowing: a rendering that failed surfaces through figures.Result
        }
    }

    /// <summary>Epoch <c>epochs - 1</c>, which the notebook's log shows only when it is an evaluation epoch; on stderr, so stdout stays the notebook's.</summary>
    static string LastEpochLine(WorkflowResult result)
    {
        var last = result.Trained.LastEpoch;
        return FormattableString.Invariant($"Last epoch: {last.Epoch} | Train loss: {last.TrainLoss:R} | Test loss: {(double)last.TestLoss:R}");
    }

    /// <summary>Where early stopping stopped and which evaluation was best, when the test loss was watched; on stderr, as the last epoch.</summary>
    static Option<string> MonitoringLine(WorkflowResult result)
    {
        var (monitor, outcome) = (result.Settings.Training.Monitor, result.Trained.Monitoring);
        if (!monitor.IsOn) return None;
        var stopped = outcome.StoppedAt.Match(
            Some: epoch => FormattableString.Invariant($"stopped after epoch {epoch}, {monitor.Patience.IfNone(0)} evaluations without improvement"),
            None: () => "did not stop training");
        var best = outcome.Best.Match(
            Some: log => FormattableString.Invariant($"best epoch {log.Epoch} (test loss {(double)log.TestLoss:R}){(outcome.Restored ? ", whose weights were saved" : "")}"),
            None: () => "no evaluation had a finite test loss");
        return FormattableString.Invariant($"Early stopping: {stopped}; {best}");
    }

    static RunRecordFiles RecordOf(string root, TrainPlan plan, WorkflowResult result, RegressionMetrics metrics, Func<IEnumerable<EpochLog>> evaluations, byte[] model,
        Seq<(string File, byte[] Png)> plots, RunTiming timing, SoftwareVersions versions)
    {
        var modelCopy = RunRecord.ModelFile(ModelFileFormats.ShortName(plan.Format));
        var facts = new RunFacts(timing.StartedAt, timing.Training, timing.Total.Elapsed, plan.OutPath, ModelFileFormats.ShortName(plan.Format),
            modelCopy, Convert.ToHexStringLower(SHA256.HashData(model)), RunRecord.MetricsFile, plots.Map(plot => plot.File), versions,
            plan.CheckpointEvery, plan.ResumePath) { DataFile = timing.Data };
        (string Name, OutputContent Content)[] files =
        [
            (RunRecord.RunFile, OutputContent.Of(RunJson.Bytes(RunJson.Of(result, metrics, facts)))),
            (RunRecord.MetricsFile, OutputContent.Streamed(stream => MetricsCsv.Write(evaluations(), result.Trained.LastEpoch, stream))),
            (modelCopy, OutputContent.Of(model)),
            .. plots.Map(plot => (plot.File, OutputContent.Of(plot.Png))),
        ];
        return new RunRecordFiles(root, RunRecord.FolderName(timing.StartedAt), toSeq(files));
    }

    /// <summary>
    /// Puts every file in place in one transaction (see <see cref="OutputCommit"/>): all or nothing, signals held until it
    /// is done or undone. The lines for stderr: the last epoch, then what was written.
    /// </summary>
    public Fin<Seq<string>> Write(Interruption interruption, Option<string> checkpointFolder)
    {
        using var held = interruption.Hold();
        var written = Record.Match(
                // A folder checkpoints made is the run's: it stays whatever happens to the record.
                Some: record => checkpointFolder.Match(Some: folder => FinSucc(new RunFolder(folder, Seq<string>())), None: () => RunRecord.CreateFreshFolder(record.Root, record.FolderName)).Bind(made =>
                    Commit(interruption, made.Created, record.Files.Map(file => new OutputFile(Path.Combine(made.Folder, file.Name), file.Content)))
                        .Map(_ => Notes() + Seq1($"Wrote {made.Folder}{Path.DirectorySeparatorChar} ({string.Join(", ", record.Files.Map(file => file.Name))})"))),
                None: () => Commit(interruption, Seq<string>(), Seq<OutputFile>()).Map(_ => Notes()));
        return written.Match(
            Succ: FinSucc,
            Fail: error => FinFail<Seq<string>>(interruption.Requested ? Exits.Interrupted(interruption.ExitCode, OutputCommit.InterruptedMessage) : Exits.Failure(error)));
    }

    Fin<Unit> Commit(Interruption interruption, Seq<string> foldersMade, Seq<OutputFile> record) =>
        OutputCommit.Write(Seq1(Model) + PlotCopies + record, foldersMade, interruption.Token, OutputFileSystem.Real);

    // The notebook's transcript owns stdout (it is compared line for line with PyTorch's), so what we add is on stderr.
    Seq<string> Notes() => Seq(LastEpoch, MetricsSummary) + Monitoring.ToSeq() + PlotCopies.Map(plot => $"Wrote {plot.Path}");
}
