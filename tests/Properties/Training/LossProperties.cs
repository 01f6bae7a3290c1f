using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Training;
using Functional.Tests.Properties.Arbitraries;
using Functional.TorchAdapter.Training;
using static TorchSharp.torch;

namespace Functional.Tests.Properties.Training;

/// <summary>TorchSharp once computed MSE in its L1 loss (dotnet/TorchSharp#1359): both losses against a hand computation.</summary>
public sealed class LossProperties
{
    static double Computed(LossKind kind, float[] prediction, float[] target)
    {
        using var scope = NewDisposeScope();
        return Losses.For(kind)(tensor(prediction, [prediction.Length, 1L]), tensor(target, [target.Length, 1L])).item<float>();
    }

    /// <summary>Within 1e-5 relative (the predictions and targets stay within ±1e4, far from float32 overflow).</summary>
    static Property Close(LossKind kind, double computed, double expected) =>
        (Math.Abs(computed - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected))).Label($"{kind} loss {computed:R}, by hand {expected:R}");

    [Property]
    public Property L1_loss_is_the_mean_absolute_error() =>
        Prop.ForAll(TensorArbitraries.PredictionsAndTargets(), p => Close(LossKind.L1, Computed(LossKind.L1, p.Prediction, p.Target),
            p.Prediction.Zip(p.Target, (a, b) => Math.Abs((double)a - b)).Average()));

    [Property]
    public Property Mse_loss_is_the_mean_squared_error() =>
        Prop.ForAll(TensorArbitraries.PredictionsAndTargets(), p => Close(LossKind.Mse, Computed(LossKind.Mse, p.Prediction, p.Target),
            p.Prediction.Zip(p.Target, (a, b) => ((double)a - b) * ((double)a - b)).Average()));
}
