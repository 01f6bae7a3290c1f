using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// The evaluated epochs a run keeps in memory, for its loss plot: every evaluation while there are at most
/// <see cref="Capacity"/>, then an even thinning of them (every 2nd, 4th, ... evaluation, always with the last one).
/// Its size is bounded whatever the number of epochs and the evaluation cadence; the full log is a stream of events
/// (<see cref="EpochCompleted"/>), which the shell spools to disk for the transcript and metrics.csv.
/// </summary>
public sealed record LossCurve
{
    /// <summary>Points kept at most (plus the last evaluation): a 1000-pixel-wide plot cannot show more.</summary>
    public const int Capacity = 2048;

    /// <summary>The kept evaluations in epoch order; each is an actual evaluation, none is averaged.</summary>
    public Seq<EpochLog> Points { get; }

    /// <summary>How many evaluations the run made in all.</summary>
    public long Evaluations { get; }

    LossCurve(Seq<EpochLog> points, long evaluations) => (Points, Evaluations) = (points, evaluations);

    public static LossCurve Empty { get; } = new(Seq<EpochLog>.Empty, 0);

    /// <summary>Whether <see cref="Points"/> holds every evaluation (runs of up to <see cref="Capacity"/> evaluations).</summary>
    public bool IsComplete => Points.Count == Evaluations;

    public Option<EpochLog> Last => Points.LastOrNone();

    /// <summary>Collects a curve as evaluations arrive, holding at most <see cref="Capacity"/> + 1 of them.</summary>
    public sealed class Builder
    {
        readonly List<EpochLog> kept = new(Capacity + 1);
        long stride = 1;
        long evaluations;
        EpochLog? last;

        public void Add(EpochLog evaluation)
        {
            if (evaluations % stride == 0)
            {
                kept.Add(evaluation);
                if (kept.Count > Capacity)
                {
                    // Keep every other point: the kept ones are then every (2 * stride)-th evaluation.
                    for (var i = 0; i < kept.Count / 2 + kept.Count % 2; i++) kept[i] = kept[2 * i];
                    kept.RemoveRange(kept.Count / 2 + kept.Count % 2, kept.Count / 2);
                    stride *= 2;
                }
            }
            last = evaluation;
            evaluations++;
        }

        public LossCurve Build()
        {
            var points = last is not null && (kept.Count == 0 || !ReferenceEquals(kept[^1], last)) ? kept.Append(last) : kept;
            return new LossCurve(points.ToArray().ToSeq().Strict(), evaluations);
        }
    }
}
