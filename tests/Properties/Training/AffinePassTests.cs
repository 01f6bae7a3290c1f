using Functional.Domain.Settings;
using Functional.Domain.Training;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>--fused's pass gives the same bits whether its two halves run on one core or on two.</summary>
public sealed class AffinePassTests
{
    [Theory]
    [InlineData(LossKind.L1, (1 << 18) + 13)]
    [InlineData(LossKind.Mse, (1 << 18) + 13)]
    [InlineData(LossKind.L1, 1_000_003)]
    [InlineData(LossKind.Mse, 1_000_003)]
    public void One_core_and_two_cores_give_identical_results(LossKind loss, int samples)
    {
        var random = new Random(samples);
        var xs = new float[samples];
        var ys = new float[samples];
        for (var i = 0; i < samples; i++)
        {
            xs[i] = (float)(random.NextDouble() * 4 - 2);
            ys[i] = 0.3f * xs[i] + 0.9f + (float)(random.NextDouble() - 0.5);
        }
        using var helper = new PassHelper();
        var oneCore = AffinePass.Run(xs, ys, 0.3367f, 0.1288f, loss, helper: null);
        var twoCores = AffinePass.Run(xs, ys, 0.3367f, 0.1288f, loss, helper);
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.Loss), BitConverter.SingleToInt32Bits(twoCores.Loss));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.WeightGradient), BitConverter.SingleToInt32Bits(twoCores.WeightGradient));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.BiasGradient), BitConverter.SingleToInt32Bits(twoCores.BiasGradient));
    }
}
