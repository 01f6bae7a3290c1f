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
        EpochCompleted? last = null;
        var quiet = Drain(stream, stop, e => { done++; last = e; }, () => showProgressAfter.Exists(after => clock.Elapsed >= after), epochs, () => done, () => last);
        return quiet.IfNone(() => LiveProgress.Show(progressSurface, epochs, done,
            report => Drain(stream, stop, e => { done++; last = e; report(e); }, () => false, epochs, () => done, () => last)
                .IfNone(() => new TrainingBroke(Error.New("training stopped without a result")))));
    }

    /// <summary>Steps through events until the stream ends, Ctrl+C is seen, or <paramref name="handOver"/> says to stop here (None).</summary>
    /// <remarks>On Ctrl+C the last epoch's checkpoint is taken here, while the stream (and the model it holds) is still alive.</remarks>
    static Option<TrainingOutcome> Drain(IEnumerator<TrainingEvent> stream, CancellationToken stop, Action<EpochCompleted> onEpoch, Func<bool> handOver, int epochs,
        Func<int> epochsDone, Func<EpochCompleted?> lastEpoch)
    {
        while (true)
        {
            if (stop.IsCancellationRequested)
                return Some<TrainingOutcome>(new TrainingInterrupted(epochsDone(), epochs, Optional(lastEpoch()).Map(last => last.Checkpoint())));
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
