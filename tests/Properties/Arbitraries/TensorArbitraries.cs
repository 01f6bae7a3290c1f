using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Properties.Arbitraries;

public static class TensorArbitraries
{
    /// <summary>
    /// Predictions and targets of equal, non-zero length, normal floats within ±1e4: float32 sums stay far from overflow,
    /// so a relative tolerance of 1e-5 on a mean is honest.
    /// </summary>
    public static Arbitrary<(float[] Prediction, float[] Target)> PredictionsAndTargets() =>
        ArbMap.Default.ArbFor<NonEmptyArray<(NormalFloat, NormalFloat)>>().Convert(
            pairs => (pairs.Get.Select(p => Clamp(p.Item1.Get)).ToArray(), pairs.Get.Select(p => Clamp(p.Item2.Get)).ToArray()),
            ((float[] Prediction, float[] Target) p) => NonEmptyArray<(NormalFloat, NormalFloat)>.NewNonEmptyArray(
                p.Prediction.Zip(p.Target, (a, b) => (NormalFloat.NewNormalFloat(a), NormalFloat.NewNormalFloat(b))).ToArray()));

    static float Clamp(double value) => (float)Math.Clamp(value, -1e4, 1e4);
}
