using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Properties.Arbitraries;

public static class TrainingArbitraries
{
    /// <summary>A true line with weight and bias in [-2, 2] (whole hundredths, so failures shrink to readable values) and a seed.</summary>
    public static Arbitrary<(double Weight, double Bias, long Seed)> TrueLineAndSeed() =>
        ArbMap.Default.ArbFor<(int, int, long)>().Convert(
            t => ((t.Item1 % 201) / 100.0, (t.Item2 % 201) / 100.0, t.Item3),
            ((double Weight, double Bias, long Seed) l) => ((int)Math.Round(l.Weight * 100), (int)Math.Round(l.Bias * 100), l.Seed));
}
