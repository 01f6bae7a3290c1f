using FsCheck.Fluent;
using FsCheck;
using Functional.Domain.Data;

namespace Functional.Tests.Properties.Data;

/// <summary>
/// Line specs built from small whole numbers of hundredths, so a failing case shrinks to something like
/// weight 0.01, start 0, end 0.05, step 0.01 rather than to unreadable floats. Only specs that pass
/// <see cref="DatasetSpec.Create"/> (at least two samples) exist, so only those are generated.
/// </summary>
public static class DataArbitraries
{
    public static Arbitrary<DatasetSpec> DatasetSpec() =>
        ArbMap.Default.ArbFor<(int, int, int, int, int)>()
            .Filter(t => Step(t.Item5) > 0 && SpecOf(t).IsSuccess)
            .Convert(
                t => SpecOf(t).Match(Succ: spec => spec, Fail: _ => throw new InvalidOperationException("filtered above")),
                spec => ((int)Math.Round(spec.Weight * 100), (int)Math.Round(spec.Bias * 100), (int)Math.Round(spec.Start * 100),
                    (int)Math.Round((spec.End - spec.Start) * 50) - 1, (int)Math.Round(spec.Step * 100)));

    static LanguageExt.Validation<LanguageExt.Common.Error, DatasetSpec> SpecOf((int, int, int, int, int) t) =>
        Functional.Domain.Data.DatasetSpec.Create(t.Item1 / 100.0, t.Item2 / 100.0, t.Item3 / 100.0, t.Item3 / 100.0 + Span(t.Item4), Step(t.Item5) / 100.0);

    /// <summary>Spans of 0.02 to a few units keep datasets between 2 and a few thousand samples.</summary>
    static double Span(int raw) => (Math.Abs(raw) + 1) / 50.0;

    static int Step(int raw) => Math.Abs(raw) % 25 + 1;
}
