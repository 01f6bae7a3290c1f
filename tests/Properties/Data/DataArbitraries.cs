using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Data;

namespace Functional.Tests.Properties.Data;

/// <summary>
/// Line specs built from small whole numbers of hundredths, so a failing case shrinks to something like
/// weight 0.01, start 0, end 0.05, step 0.01 rather than to unreadable floats.
/// </summary>
public static class DataArbitraries
{
    public static Arbitrary<DatasetSpec> DatasetSpec() =>
        ArbMap.Default.ArbFor<(int, int, int, int, int)>()
            .Filter(t => Step(t.Item5) > 0)
            .Convert(
                t => new DatasetSpec(t.Item1 / 100.0, t.Item2 / 100.0, t.Item3 / 100.0, t.Item3 / 100.0 + Span(t.Item4), Step(t.Item5) / 100.0),
                spec => ((int)Math.Round(spec.Weight * 100), (int)Math.Round(spec.Bias * 100), (int)Math.Round(spec.Start * 100),
                    (int)Math.Round((spec.End - spec.Start) * 50) - 1, (int)Math.Round(spec.Step * 100)));

    /// <summary>Spans of 0.02 to a few units keep datasets between 2 and a few thousand samples.</summary>
    static double Span(int raw) => (Math.Abs(raw) + 1) / 50.0;

    static int Step(int raw) => Math.Abs(raw) % 25 + 1;
}
