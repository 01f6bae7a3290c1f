using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Runs;
using Functional.Cli.Storage;
using Functional.Display.Notebook;
using Functional.Domain.Workflow;
using Functional.Formats;
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
public sealed record RunRecordFiles(string Root, string FolderName, Seq<(string Name, byte[] Bytes)> Files);

/// <summary>When the run started and how long it took, as the shell measured it.</summary>
public sealed record RunTiming(DateTimeOffset StartedAt, TimeSpan Training, Stopwatch Total);

/// <summary>
/// Everything a finished run writes and prints, computed before anything is written: the transcript (the reload check
/// included, done from the model file's bytes in memory), the model file, the --plots copies, the run's folder, and the
/// stderr line with the last epoch's losses.
/// </summary>
public sealed record TrainOutputs(Seq<string> Transcript, string LastEpoch, OutputFile Model, Seq<OutputFile> PlotCopies, Option<RunRecordFiles> Record)
{
    public static Fin<TrainOutputs> Of(TrainPlan plan, WorkflowResult result, TorchModel model, ComputeDevice device, RunTiming timing, SoftwareVersions versions)
    {
        // Rendering the PNGs (ScottPlot and Skia warming up) takes about as long as everything else here, so it runs
        // beside it on the second core; native work must not outlive the command, so every way out waits for it.
        var figures = plan.DrawsPlots ? Task.Run(() => PlotFiles.Render(result)) : Task.FromResult(Seq<(string File, byte[] Png)>());
        try
        {
            var bytes = ModelFileFormats.Write(plan.Format, result.Trained.Final, Provenance.Of(result.Settings, versions));
            return
                from loaded in ModelFileStore.NamingFile(plan.OutPath, ModelFile.Read(bytes)).AsFailure()
                from reloaded in Predictions.OfLoaded(model, loaded.StateDict, result.Split.Test.X, result.Split.Test.Features, device).AsFailure()
                // The transcript is made while the figures are still rendering; only then is their result awaited.
                let transcript = NotebookTranscript.Of(result, plan.OutPath, reloaded.Predictions, reloaded.StateDict)
                let plots = figures.Result
                select new TrainOutputs(
                    transcript,
                    LastEpochLine(result),
                    new OutputFile(plan.OutPath, bytes),
                    plan.PlotsCopy.Map(folder => plots.Map(figure => new OutputFile(Path.Combine(folder, figure.File), figure.Png)).Strict()).IfNone(Seq<OutputFile>()),
                    plan.RunsFolder.Map(root => RecordOf(root, plan, result, bytes, plots, timing, versions)));
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

    static RunRecordFiles RecordOf(string root, TrainPlan plan, WorkflowResult result, byte[] model, Seq<(string File, byte[] Png)> plots,
        RunTiming timing, SoftwareVersions versions)
    {
        var modelCopy = RunRecord.ModelFile(ModelFileFormats.ShortName(plan.Format));
        var facts = new RunFacts(timing.StartedAt, timing.Training, timing.Total.Elapsed, plan.OutPath, ModelFileFormats.ShortName(plan.Format),
            modelCopy, Convert.ToHexStringLower(SHA256.HashData(model)), RunRecord.MetricsFile, plots.Map(plot => plot.File), versions);
        (string Name, byte[] Bytes)[] files =
        [
            (RunRecord.RunFile, RunJson.Bytes(RunJson.Of(result, facts))),
            (RunRecord.MetricsFile, Encoding.UTF8.GetBytes(MetricsCsv.Text(result.Trained.Log, result.Trained.LastEpoch))),
            (modelCopy, model),
            .. plots.Map(plot => (plot.File, plot.Png)),
        ];
        return new RunRecordFiles(root, RunRecord.FolderName(timing.StartedAt), toSeq(files));
    }

    /// <summary>Writes every file (all staged first, then renamed into place); the lines for stderr: the last epoch, then what was written.</summary>
    public Fin<Seq<string>> Write() =>
        Record.Match(
            Some: record => RunRecord.CreateFreshFolder(record.Root, record.FolderName).Bind(folder =>
            {
                var written = OutputCommit.Write(Files(record.Files.Map(file => new OutputFile(Path.Combine(folder, file.Name), file.Bytes))));
                if (written.IsFail) RunRecord.RemoveIfEmpty(folder);
                return written.Map(_ => Notes() + Seq1($"Wrote {folder}{Path.DirectorySeparatorChar} ({string.Join(", ", record.Files.Map(file => file.Name))})"));
            }),
            None: () => OutputCommit.Write(Files(Seq<OutputFile>())).Map(_ => Notes()))
        .AsFailure();

    Seq<OutputFile> Files(Seq<OutputFile> record) => Seq1(Model) + PlotCopies + record;

    // The notebook's transcript owns stdout (it is compared line for line with PyTorch's), so what we add is on stderr.
    Seq<string> Notes() => Seq1(LastEpoch) + PlotCopies.Map(plot => $"Wrote {plot.Path}");
}
