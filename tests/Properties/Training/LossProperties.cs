using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Training;
using Functional.TorchAdapter.Training;
using static TorchSharp.torch;

namespace Functional.Tests.Properties.Training;

/// <summary>TorchSharp once computed MSE in its L1 loss (dotnet/TorchSharp#1359): both losses against a hand computation.</summary>
public sealed class LossProperties
{
    static Arbitrary<(float[] Prediction, float[] Target)> Pairs() =>
        ArbMap.Default.ArbFor<NonEmptyArray<(NormalFloat, NormalFloat)>>().Convert(
            pairs => (pairs.Get.Select(p => Clamp(p.Item1.Get)).ToArray(), pairs.Get.Select(p => Clamp(p.Item2.Get)).ToArray()),
            ((float[] Prediction, float[] Target) p) => NonEmptyArray<(NormalFloat, NormalFloat)>.NewNonEmptyArray(
                p.Prediction.Zip(p.Target, (a, b) => (NormalFloat.NewNormalFloat(a), NormalFloat.NewNormalFloat(b))).ToArray()));

    /// <summary>Values within ±1e4 keep float32 sums far from overflow, so a relative tolerance of 1e-5 is honest.</summary>
    static float Clamp(double value) => (float)Math.Clamp(value, -1e4, 1e4);

    static double Computed(LossKind kind, float[] prediction, float[] target)
    {
        using var scope = NewDisposeScope();
        return Losses.For(kind)(tensor(prediction, [prediction.Length, 1L]), tensor(target, [target.Length, 1L])).item<float>();
    }

    static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected));

    [Property]
    public Property L1_loss_is_the_mean_absolute_error() =>
        Prop.ForAll(Pairs(), p => Close(Computed(LossKind.L1, p.Prediction, p.Target),
            p.Prediction.Zip(p.Target, (a, b) => Math.Abs((double)a - b)).Average()));

    [Property]
    public Property Mse_loss_is_the_mean_squared_error() =>
        Prop.ForAll(Pairs(), p => Close(Computed(LossKind.Mse, p.Prediction, p.Target),
            p.Prediction.Zip(p.Target, (a, b) => ((double)a - b) * ((double)a - b)).Average()));
}
