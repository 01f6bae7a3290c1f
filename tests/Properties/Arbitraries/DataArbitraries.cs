using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Data;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Tests.Properties.Arbitraries;

public static class DataArbitraries
{
    /// <summary>
    /// Line specs built from small whole numbers of hundredths, so a failing case shrinks to something like
    /// weight 0.01, start 0, end 0.05, step 0.01 rather than to unreadable floats. Only specs that pass
    /// <see cref="Domain.Data.DatasetSpec.Create"/> (at least two samples) exist, so only those are generated.
    /// </summary>
    public static Arbitrary<DatasetSpec> DatasetSpec() =>
        ArbMap.Default.ArbFor<(int, int, int, int, int)>()
            .Filter(t => Step(t.Item5) > 0 && SpecOf(t).IsSuccess)
            .Convert(
                t => SpecOf(t).Match(Succ: spec => spec, Fail: _ => throw new InvalidOperationException("filtered above")),
                spec => (Hundredths(spec.Weight), Hundredths(spec.Bias), Hundredths(spec.Start),
                    (int)Math.Round((spec.End - spec.Start) * 50) - 1, Hundredths(spec.Step)));

    /// <summary>Any non-empty dataset (y = 2x + 1 over normal floats) and a train fraction from 0.01 to 0.99.</summary>
    public static Arbitrary<(Dataset Dataset, double Fraction)> DatasetAndTrainFraction() =>
        ArbMap.Default.ArbFor<(NonEmptyArray<NormalFloat>, int)>().Convert(
            t => (DatasetOf(t.Item1.Get.Select(f => (float)f.Get).ToArray()), (Math.Abs(t.Item2) % 99 + 1) / 100.0),
            ((Dataset Dataset, double Fraction) p) => (
                NonEmptyArray<NormalFloat>.NewNonEmptyArray(p.Dataset.X.ToArray().Select(x => NormalFloat.NewNormalFloat(x)).ToArray()),
                (int)Math.Round(p.Fraction * 100)));

    static Dataset DatasetOf(float[] x) => new(Floats.Of(x), Floats.Of(x.Select(v => v * 2 + 1).ToArray()));

    static Validation<Error, DatasetSpec> SpecOf((int, int, int, int, int) t) =>
        Domain.Data.DatasetSpec.Create(t.Item1 / 100.0, t.Item2 / 100.0, t.Item3 / 100.0, t.Item3 / 100.0 + Span(t.Item4), Step(t.Item5) / 100.0);

    static int Hundredths(double value) => (int)Math.Round(value * 100);

    /// <summary>Spans of 0.02 to a few units keep datasets between 2 and a few thousand samples.</summary>
    static double Span(int raw) => (Math.Abs(raw) + 1) / 50.0;

    static int Step(int raw) => Math.Abs(raw) % 25 + 1;
}
