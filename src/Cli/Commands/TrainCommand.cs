using System.Diagnostics;
using Functional.Cli.CommandLine;
using Functional.Cli.Native;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
using Functional.Cli.Runs;
using Functional.Cli.Storage;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// The main job, the whole notebook, as one sandwich: check every input; train (the only part that reports as it goes:
/// progress and Ctrl+C, on stderr; every evaluation is spooled to disk, not kept); compute everything that will be
/// written and printed; write it all in one transaction; print it.
/// </summary>
public static class TrainCommand
{
    /// <summary>"More than a second or so": shorter runs finish before a bar would be worth drawing.</summary>
    static readonly TimeSpan LongRun = TimeSpan.FromSeconds(1);

    /// <summary>The command line read over its defaults: the notebook's, or with --config a recorded run's config (whose problems join the parser's).</summary>
    public static int Run(TrainFlags flags, ParsedCommandLine parsed, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr)
    {
        var replayed = flags.ConfigPath(parsed.Result).Map(RecordedConfig.Read);
        var defaults = replayed.Bind(read => read.ToOption()).IfNone(TrainDefaults.Notebook);
        var configProblems = replayed.Map(read => read.Match(Succ: _ => Seq<Error>(), Fail: Exits.Flatten)).IfNone(Seq<Error>());
        return Run(flags.Read(parsed.Result, defaults), parsed.Problems + flags.Conflicts(parsed.Result) + configProblems, models, stdout, stderr);
    }

    public static int Run(TrainRequest request, Seq<Error> parseProblems, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr)
    {
        var timing = (StartedAt: DateTimeOffset.UtcNow, Total: Stopwatch.StartNew());
        // SIGINT and SIGTERM are requests from here on: training stops after an epoch, a commit completes or rolls back.
        using var interruption = Interruption.Listen();
        var plan = TrainPlan.Check(request, parseProblems, models.Map(m => m.Spec));
        // Skia and ScottPlot take a quarter of a second to warm up; that happens on the second core while libtorch
        // loads and the model trains. (libtorch itself loads on this thread: loaded on another one, it stalled this
        // thread's checks for its whole load instead of overlapping them.) Native work must not be running when the
        // process exits, so every way out waits.
        var plotsWarm = plan.Exists(p => p.DrawsPlots) ? Task.Run(PlotFiles.WarmUp) : Task.CompletedTask;
        try
        {
            return plan.Bind(valid => EvaluationSpool.Create(Path.GetDirectoryName(Path.GetFullPath(valid.OutPath))!).AsFailure().Map(spool => (valid, spool)))
                .Match(
                    Succ: run =>
                    {
                        // The spool holds the training log until the transcript is printed, then is deleted.
                        using var spool = run.spool;
                        if (run.valid.Settings.Training.Step is StepKind.MiniBatch) NativeMemoryReuse.ReturnBatchBuffers();
                        var checkpoints = run.valid.RunsFolder.Map(root => new CheckpointFiles(root, RunRecord.FolderName(timing.StartedAt), interruption));
                        return (
                                from table in TrainData.Load(run.valid.Settings, AvailableMemory.Read())
                                from declared in models.Find(m => m.Spec.Key == run.valid.Settings.ModelKey).ToFin(Error.New($"unknown model '{run.valid.Settings.ModelKey}'")).AsFailure()
                                let model = declared.For(run.valid.Settings.Features)
                                from device in TorchBackend.LoadAndPickDevice().AsFailure()
                                from trained in Train(run.valid, model, device, table, stderr, spool, interruption, checkpoints)
                                from outputs in TrainOutputs.Of(run.valid, trained.Result, spool.Evaluations, model, device,
                                    new RunTiming(timing.StartedAt, trained.Duration, timing.Total) { Data = table.Map(t => t.Survey) }, AppVersions.Read())
                                from written in outputs.Write(interruption, checkpoints.Bind(files => files.Folder))
                                select new Report(outputs.Transcript, written))
                            .Match(Succ: report => report.Print(stdout, stderr, interruption), Fail: error => ErrorReport.Write(stderr, error));
                    },
                    Fail: error => ErrorReport.Write(stderr, error));
        }
        finally
        {
            Task.WaitAny(plotsWarm); // waits without rethrowing: a warm-up that failed leaves the real rendering to report it
        }
    }

    /// <summary>The line or the table, split and trained; a signal asks training to stop after the current epoch instead of killing the process mid-write.</summary>
    static Fin<(WorkflowResult Result, TimeSpan Duration)> Train(TrainPlan plan, TorchModel model, ComputeDevice device, Option<LoadedTable> table,
        TextWriter stderr, EvaluationSpool spool, Interruption interruption, Option<CheckpointFiles> checkpoints)
    {
        // Printed once the signal handlers are in place, so a signal after this line reaches training.
        stderr.WriteLine($"Using device: {device.Name}");
        var prepared = table.Match(
            Some: loaded => new PreparedRun(plan.Settings, loaded.Dataset, loaded.Split, model),
            None: () => NotebookWorkflow.Prepare(plan.Settings, model));
        var clock = Stopwatch.StartNew();
        var events = prepared.Training(device, plan.Resume);
        var checkpointed = plan.CheckpointEvery.Match(
            Some: every => checkpoints.Match(Some: files => WithCheckpoints(events, every, files), None: () => events),
            None: () => events);
        var outcome = TrainingProgress.Run(spool.Recording(checkpointed), plan.Settings.Training.Epochs, ProgressDelay(plan.Progress), stderr,
            interruption.Token);
        var duration = clock.Elapsed;
        return outcome switch
        {
            TrainingCompleted completed => (prepared.With(completed.Model), duration),
            TrainingInterrupted stopped => Exits.Interrupted(interruption.ExitCode,
                $"training stopped after {stopped.EpochsDone + plan.Resume.Map(c => c.Epoch).IfNone(0)} of {stopped.Epochs} epochs; no model file was written" +
                InterruptedCheckpoint(stopped, checkpoints)),
            TrainingBroke broke => Exits.Failure(broke.Error),
            _ => Exits.Failure(Error.New("training ended in an unknown way")),
        };
    }

    /// <summary>Every <paramref name="every"/> epochs done, a checkpoint in the run's folder; one that cannot be written ends training.</summary>
    static IEnumerable<TrainingEvent> WithCheckpoints(IEnumerable<TrainingEvent> events, int every, CheckpointFiles files)
    {
        foreach (var next in events)
        {
            if (next is EpochCompleted epoch && (epoch.Epoch + 1) % every == 0)
            {
                var written = epoch.Checkpoint().Bind(files.Write);
                if (written.IsFail)
                {
                    yield return new TrainingFailed(written.Match(Succ: _ => Error.New("no failure"), Fail: error => error));
                    yield break;
                }
            }
            yield return next;
        }
    }

    /// <summary>The checkpoint Ctrl+C writes, named in the interrupted: line so the run can go on with --resume.</summary>
    static string InterruptedCheckpoint(TrainingInterrupted stopped, Option<CheckpointFiles> checkpoints) =>
        stopped.Checkpoint.Match(
            Some: captured => checkpoints.Match(
                Some: files => captured.Bind(files.Write).Match(
                    Succ: path => $"; checkpoint {path} (go on with --resume {path})",
                    Fail: error => $"; no checkpoint was written: {error.Message}"),
                None: () => "; no checkpoint was written (--no-runs)"),
            None: () => "");

    /// <summary>The bar goes to stderr, so it never changes stdout; on its own it shows only when a person is watching both streams.</summary>
    static Option<TimeSpan> ProgressDelay(ProgressMode mode) => mode switch
    {
        ProgressMode.Always => Some(TimeSpan.Zero),
        ProgressMode.Auto when !Console.IsOutputRedirected && !Console.IsErrorRedirected => Some(LongRun),
        _ => None,
    };
}
