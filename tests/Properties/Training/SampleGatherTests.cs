using Functional.Domain.Training;
using Xunit;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// A shuffled batch's samples are read out of the columns by index (SampleGather): every sample the indices name, once,
/// and over large columns region by region, in an order fixed by the indices.
/// </summary>
public sealed class SampleGatherTests
{
    static (float[] X, float[] Y, int[] Indices) Columns(int samples, int named, int seed)
    {
        var random = new Random(seed);
        var (x, y) = (new float[samples], new float[samples]);
        for (var i = 0; i < samples; i++) (x[i], y[i]) = (i, -2f * i);
        var indices = Enumerable.Range(0, samples).ToArray();
        random.Shuffle(indices);
        return (x, y, indices[..named]);
    }

    [Theory]
    [InlineData(1000, 700)]
    [InlineData(SampleGather.RegionOrderFrom - 1, 50_000)]
    [InlineData(SampleGather.RegionOrderFrom, 50_000)]
    [InlineData(SampleGather.RegionOrderFrom * 3 + 17, 125_003)]
    public void Every_named_sample_is_gathered_once_with_its_own_y(int samples, int named)
    {
        var (x, y, indices) = Columns(samples, named, samples);
        var (xs, ys, byRegion) = (new float[named], new float[named], new int[named]);
        SampleGather.Gather(indices, x, y, xs, ys, byRegion);
        Assert.All(Enumerable.Range(0, named), i => Assert.Equal(-2f * xs[i], ys[i]));
        Assert.Equal(indices.Order(), xs.Select(value => (int)value).Order());
        if (samples < SampleGather.RegionOrderFrom) Assert.Equal(indices, xs.Select(value => (int)value));
    }

    [Fact]
    public void Over_large_columns_the_samples_come_region_by_region_and_in_the_indices_order_within_a_region()
    {
        const int samples = SampleGather.RegionOrderFrom * 2, named = 40_000;
        var (x, y, indices) = Columns(samples, named, 5);
        var (xs, ys, byRegion) = (new float[named], new float[named], new int[named]);
        SampleGather.Gather(indices, x, y, xs, ys, byRegion);
        var gathered = xs.Select(value => (int)value).ToArray();
        var regionOf = (int index) => index / (samples / 256);
        Assert.True(gathered.Zip(gathered.Skip(1), (first, next) => regionOf(first) <= regionOf(next)).All(ascending => ascending), "regions in ascending order");
        Assert.Equal(indices.OrderBy(regionOf), gathered); // OrderBy is stable: within a region, the indices' own order
    }
}
