using System.Diagnostics;
using Functional.Domain.Training;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Progress;

/// <summary>
/// Consumes the lazy training stream: checks for Ctrl+C between epochs and, once a run has gone on long enough,
/// hands the rest of the stream to a live progress bar. Leaving the loop disposes the enumerator, which frees the model.
/// </summary>
public static class TrainingProgress
{
    public static TrainingOutcome Run(IEnumerable<TrainingEvent> events, int epochs, Option<TimeSpan> showProgressAfter, TextWriter progressSurface, CancellationToken stop)
    {
        using var stream = events.GetEnumerator();
        var clock = Stopwatch.StartNew();
        var done = 0;
        var quiet = Drain(stream, stop, _ => done++, () => showProgressAfter.Exists(after => clock.Elapsed >= after), epochs, () => done);
        return quiet.IfNone(() => LiveProgress.Show(progressSurface, epochs, done,
            report => Drain(stream, stop, e => { done++; report(e); }, () => false, epochs, () => done)
                .IfNone(() => new TrainingBroke(Error.New("training stopped without a result")))));
    }

    /// <summary>Steps through events until the stream ends, Ctrl+C is seen, or <paramref name="handOver"/> says to stop here (None).</summary>
    static Option<TrainingOutcome> Drain(IEnumerator<TrainingEvent> stream, CancellationToken stop, Action<EpochCompleted> onEpoch, Func<bool> handOver, int epochs, Func<int> epochsDone)
    {
        while (true)
        {
            if (stop.IsCancellationRequested) return Some<TrainingOutcome>(new TrainingInterrupted(epochsDone(), epochs));
            if (handOver()) return None;
            if (!stream.MoveNext()) return Some<TrainingOutcome>(new TrainingBroke(Error.New("training ended without a result")));
            switch (stream.Current)
            {
                case TrainingFinished finished: return Some<TrainingOutcome>(new TrainingCompleted(finished.Model));
                case TrainingFailed failed: return Some<TrainingOutcome>(new TrainingBroke(failed.Error));
                case EpochCompleted epoch: onEpoch(epoch); break;
            }
        }
    }
}
