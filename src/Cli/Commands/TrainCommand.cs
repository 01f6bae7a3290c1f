using System.Diagnostics;
using Functional.Cli.Native;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
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
/// progress and Ctrl+C, on stderr); compute everything that will be written and printed; write it; print it.
/// </summary>
public static class TrainCommand
{
    /// <summary>"More than a second or so": shorter runs finish before a bar would be worth drawing.</summary>
    static readonly TimeSpan LongRun = TimeSpan.FromSeconds(1);

    public static int Run(TrainRequest request, Seq<Error> parseProblems, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr)
    {
        var timing = (StartedAt: DateTimeOffset.UtcNow, Total: Stopwatch.StartNew());
        var plan = TrainPlan.Check(request, parseProblems, models.Map(m => m.Spec));
        // Skia and ScottPlot take a quarter of a second to warm up; that happens on the second core while libtorch
        // loads and the model trains. (libtorch itself loads on this thread: loaded on another one, it stalled this
        // thread's checks for its whole load instead of overlapping them.) Native work must not be running when the
        // process exits, so every way out waits.
        var plotsWarm = plan.Exists(p => p.PlotsFolder.IsSome) ? Task.Run(PlotFiles.WarmUp) : Task.CompletedTask;
        try
        {
            return (
                    from valid in plan
                    from table in TrainData.Load(valid.Settings, AvailableMemory.Read())
                    from declared in models.Find(m => m.Spec.Key == valid.Settings.ModelKey).ToFin(Error.New($"unknown model '{valid.Settings.ModelKey}'")).AsFailure()
                    let model = declared.For(valid.Settings.Features)
                    from device in TorchBackend.LoadAndPickDevice().AsFailure()
                    from trained in Train(valid, model, device, table, stderr)
                    from outputs in TrainOutputs.Of(valid, trained.Result, model, device,
                        new RunTiming(timing.StartedAt, trained.Duration, timing.Total) { Data = table.Map(t => t.Survey) }, AppVersions.Read())
                    from written in outputs.Write()
                    select new Report(outputs.Transcript, written))
                .Match(Succ: report => report.Print(stdout, stderr), Fail: error => ErrorReport.Write(stderr, error));
        }
        finally
        {
            Task.WaitAny(plotsWarm); // waits without rethrowing: a warm-up that failed leaves the real rendering to report it
        }
    }

    /// <summary>The notebook's line, split and trained; Ctrl+C asks training to stop after the current epoch instead of killing the process mid-write.</summary>
    static Fin<(WorkflowResult Result, TimeSpan Duration)> Train(TrainPlan plan, TorchModel model, ComputeDevice device, Option<LoadedTable> table,
        TextWriter stderr)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Printed once Ctrl+C is handled, so a signal after this line reaches training.
            stderr.WriteLine($"Using device: {device.Name}");
            var prepared = table.Match(
                Some: loaded => new PreparedRun(plan.Settings, loaded.Dataset, loaded.Split, model),
                None: () => NotebookWorkflow.Prepare(plan.Settings, model));
            var clock = Stopwatch.StartNew();
            var outcome = TrainingProgress.Run(prepared.Training(device), plan.Settings.Training.Epochs, ProgressDelay(plan.Progress), stderr, interrupt.Token);
            var duration = clock.Elapsed;
            return outcome switch
            {
                TrainingCompleted completed => (prepared.With(completed.Model), duration),
                TrainingInterrupted stopped => Exits.Interrupted($"training stopped after {stopped.EpochsDone} of {stopped.Epochs} epochs; no model file was written"),
                TrainingBroke broke => Exits.Failure(broke.Error),
                _ => Exits.Failure(Error.New("training ended in an unknown way")),
            };
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
}
