using Functional.Domain.Settings;
using Functional.Domain.Training;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>--fused's pass gives the same bits whether its pieces are summed on one core or on two.</summary>
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

    /// <summary>
    /// A shuffled batch over columns large enough to be read region by region: the same bits on one core or two, and the
    /// sums of the batch gathered in the indices' own order to float rounding (the same sum in another order).
    /// </summary>
    [Theory]
    [InlineData(LossKind.L1)]
    [InlineData(LossKind.Mse)]
    public void A_gathered_pass_read_region_by_region_gives_the_same_bits_on_one_core_or_two_and_the_in_order_sums(LossKind loss)
    {
        var samples = SampleGather.RegionOrderFrom + 4099;
        var random = new Random(17);
        var (xs, ys) = (new float[samples], new float[samples]);
        for (var i = 0; i < samples; i++)
        {
            xs[i] = (float)(random.NextDouble() * 4 - 2);
            ys[i] = 0.3f * xs[i] + 0.9f + (float)(random.NextDouble() - 0.5);
        }
        var order = Enumerable.Range(0, samples).ToArray();
        random.Shuffle(order);
        var batch = order[..300_001];
        using var helper = new PassHelper();
        var oneCore = AffinePass.RunGathered(batch, xs, ys, 0.3367f, 0.1288f, loss, helper: null, new AffinePass.Scratch(0));
        var twoCores = AffinePass.RunGathered(batch, xs, ys, 0.3367f, 0.1288f, loss, helper, new AffinePass.Scratch(0));
        var inOrder = AffinePass.Run(batch.Select(i => xs[i]).ToArray(), batch.Select(i => ys[i]).ToArray(), 0.3367f, 0.1288f, loss, helper: null);
        Assert.True(AffinePass.OnTwoCores(batch.Length));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.Loss), BitConverter.SingleToInt32Bits(twoCores.Loss));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.WeightGradient), BitConverter.SingleToInt32Bits(twoCores.WeightGradient));
        Assert.Equal(BitConverter.SingleToInt32Bits(oneCore.BiasGradient), BitConverter.SingleToInt32Bits(twoCores.BiasGradient));
        foreach (var (regionOrder, indexOrder) in new[] { (oneCore.Loss, inOrder.Loss), (oneCore.WeightGradient, inOrder.WeightGradient), (oneCore.BiasGradient, inOrder.BiasGradient) })
            Assert.True(Math.Abs(regionOrder - indexOrder) <= 2e-7 * Math.Max(1, Math.Abs(indexOrder)), $"{regionOrder:R} against {indexOrder:R} in the indices' order");
    }
}
