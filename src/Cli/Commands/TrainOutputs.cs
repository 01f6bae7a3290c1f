using System.Diagnostics;
using System.Text;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Runs;
using Functional.Cli.Storage;
using Functional.Display.Notebook;
using Functional.Display.Reports;
using Functional.Domain.Workflow;
using Functional.Formats;
using Functional.Formats.Runs;
using Functional.Formats.Csv;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>A run record's contents, and the folder (under <paramref name="Root"/>) it is meant for.</summary>
public sealed record RunRecordFiles(string Root, string FolderName, byte[] Metrics, byte[] Run);

/// <summary>When the run started and how long it took, as the shell measured it; with --data, what it found in the file.</summary>
public sealed record RunTiming(DateTimeOffset StartedAt, TimeSpan Training, Stopwatch Total)
{
    public Option<TableSurvey> Data { get; init; }
}

/// <summary>
/// Everything a finished run writes and prints, computed before anything is written: the transcript (the reload check
/// included, done from the model file's bytes in memory), the model file, the plots and the run record.
/// </summary>
public sealed record TrainOutputs(Seq<string> Transcript, OutputFile Model, Seq<OutputFile> Plots, Option<RunRecordFiles> Record, string MetricsSummary)
{
    public static Fin<TrainOutputs> Of(TrainPlan plan, WorkflowResult result, TorchModel model, ComputeDevice device, RunTiming timing, SoftwareVersions versions)
    {
        // Rendering the PNGs (ScottPlot and Skia warming up) takes about as long as everything else here, so it runs
        // beside it on the second core; native work must not outlive the command, so every way out waits for it.
        var figures = plan.PlotsFolder.IsSome ? Task.Run(() => PlotFiles.Render(result)) : Task.FromResult(Seq<(string File, byte[] Png)>());
        try
        {
            var bytes = ModelFileFormats.Write(plan.Format, result.Trained.Final, Provenance.Of(result.Settings, versions));
            return
                from loaded in ModelFileStore.NamingFile(plan.OutPath, ModelFile.Read(bytes)).AsFailure()
                from reloaded in Predictions.OfLoaded(model, loaded.StateDict, result.Split.Test.X, result.Split.Test.Features, device).AsFailure()
                // The transcript is made while the figures are still rendering; only then is their result awaited.
                let transcript = NotebookTranscript.Of(result, plan.OutPath, reloaded.Predictions, reloaded.StateDict)
                let plots = plan.PlotsFolder.Map(folder => figures.Result.Map(figure => new OutputFile(Path.Combine(folder, figure.File), figure.Png)).Strict())
                    .IfNone(Seq<OutputFile>())
                select new TrainOutputs(
                    transcript,
                    new OutputFile(plan.OutPath, bytes),
                    plots,
                    plan.RunsFolder.Map(root => RecordOf(root, plan, result, plots, timing, versions)),
                    MetricsReport.Summary(result.TestMetrics, result.Split.Test.Count));
        }
        finally
        {
            Task.WaitAny(figures); // without rethrowing: a rendering that failed surfaces through figures.Result
        }
    }

    static RunRecordFiles RecordOf(string root, TrainPlan plan, WorkflowResult result, Seq<OutputFile> plots, RunTiming timing, SoftwareVersions versions)
    {
        var facts = new RunFacts(timing.StartedAt, timing.Training, timing.Total.Elapsed, plan.OutPath, ModelFileFormats.ShortName(plan.Format),
            plots.Map(plot => plot.Path), versions) { DataFile = timing.Data };
        return new RunRecordFiles(root, RunRecord.FolderName(timing.StartedAt),
            Encoding.UTF8.GetBytes(MetricsCsv.Text(result.Trained.Log)),
            Encoding.UTF8.GetBytes(RunJson.Of(result, facts) + "\n"));
    }

    /// <summary>Writes every file (all staged first, then renamed into place); the lines naming them on stderr.</summary>
    public Fin<Seq<string>> Write() =>
        Record.Match(
            Some: record => RunRecord.CreateFreshFolder(record.Root, record.FolderName).Bind(folder =>
            {
                var written = OutputCommit.Write(Files(
                    new OutputFile(Path.Combine(folder, RunRecord.MetricsFile), record.Metrics),
                    new OutputFile(Path.Combine(folder, RunRecord.RunFile), record.Run)));
                if (written.IsFail) RunRecord.RemoveIfEmpty(folder);
                return written.Map(_ => Notes() + Seq1($"Wrote {Path.Combine(folder, RunRecord.MetricsFile)} and {RunRecord.RunFile}"));
            }),
            None: () => OutputCommit.Write(Files()).Map(_ => Notes()))
        .AsFailure();

    Seq<OutputFile> Files(params OutputFile[] record) => Seq1(Model) + Plots + toSeq(record);

    // The notebook's transcript owns stdout (it is compared line for line with PyTorch's), so the files we add are named on stderr.
    Seq<string> Notes() => Seq1(MetricsSummary) + Plots.Map(plot => $"Wrote {plot.Path}");
}
