using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Training;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// What a run keeps of its evaluations is bounded whatever their number (issue 11, class 10): every evaluation of a
/// short run, an even thinning of a long one, always the first and the last.
/// </summary>
public sealed class LossCurveProperties
{
    static LossCurve Curve(long evaluations)
    {
        var builder = new LossCurve.Builder();
        for (var i = 0; i < evaluations; i++) builder.Add(new EpochLog(i, i, -i));
        return builder.Build();
    }

    static Gen<long> EvaluationCounts =>
        Gen.Frequency(
            (3, Gen.Choose(0, LossCurve.Capacity + 2).Select(n => (long)n)),
            (2, Gen.Choose(LossCurve.Capacity, 200_000).Select(n => (long)n)));

    [Property(MaxTest = 60)]
    public Property The_curve_is_bounded_evenly_thinned_and_keeps_the_first_and_last_evaluation() =>
        Prop.ForAll(EvaluationCounts.ToArbitrary(), evaluations =>
        {
            var curve = Curve(evaluations);
            var epochs = curve.Points.Map(p => (long)p.Epoch).ToArray();
            var inner = epochs.Length > 2 ? epochs[..^1] : epochs;
            var strides = inner.Zip(inner.Skip(1), (a, b) => b - a).Distinct().ToArray();
            return (curve.Evaluations == evaluations).Label("counts every evaluation")
                .And((curve.Points.Count <= LossCurve.Capacity + 1).Label($"{curve.Points.Count} points kept"))
                .And((evaluations == 0 || (epochs[0] == 0 && epochs[^1] == evaluations - 1)).Label("first and last kept"))
                .And((strides.Length <= 1 && strides.All(s => s > 0 && (s & (s - 1)) == 0)).Label($"strides {string.Join(",", strides)}"))
                .And((curve.IsComplete == (evaluations <= LossCurve.Capacity)).Label("complete exactly for short runs"))
                .And(curve.Points.ForAll(p => p.TrainLoss == p.Epoch && p.TestLoss == -p.Epoch).Label("points are evaluations, not averages"));
        });

    [Xunit.Fact]
    public void A_million_evaluations_keep_no_more_than_the_capacity()
    {
        var curve = Curve(1_000_000);
        Xunit.Assert.InRange(curve.Points.Count, LossCurve.Capacity / 2, LossCurve.Capacity + 1);
        Xunit.Assert.Equal(999_999, curve.Points.Last.Epoch);
    }
}
