namespace Functional.Domain.Training;

/// <summary>
/// Copies the samples a list of indices names out of the x and y columns: the random reads that are most of a shuffled
/// mini-batch epoch. Over columns larger than the caches (from <see cref="RegionOrderFrom"/> samples) the indices are
/// first put in the order of <see cref="Regions"/> equal regions of the columns (a stable counting sort on the index's
/// top bits), so consecutive reads fall within a few megabytes and the translations of their addresses stay cached (on
/// a virtual machine a translation missed is a walk through the guest's and the host's page tables). The reads are as
/// many as before, each still a cache miss, but cheaper: on the 2-core Xeon VM one thread gathered 8 * 10^7 samples in
/// 1.10-1.21 s instead of 2.04-2.08 s (`Functional.Bench bandwidth`, pieces of 125,000 as the epoch gathers them; the
/// same in C: 1.85 to 1.27 s).
/// The samples then come in that order, not the indices': a sum over them is the same sum in another order.
/// </summary>
public static class SampleGather
{
    /// <summary>
    /// Columns from this many samples (8 MB of x and y) are read region by region: smaller ones sit in the caches, and the
    /// sort would only cost (at 10^6 samples the two orders took the same time, at 2 * 10^6 the regions 20 % less).
    /// </summary>
    public const int RegionOrderFrom = 1 << 20;

    /// <summary>The regions the columns are cut into: at 10^8 samples, 1.5 MB of x and as much of y each.</summary>
    const int RegionBits = 8;

    const int Regions = 1 << RegionBits;

    /// <summary>
    /// Fills <paramref name="xs"/> and <paramref name="ys"/> with the samples <paramref name="indices"/> names, each
    /// exactly once: in the indices' order for columns below <see cref="RegionOrderFrom"/>, else region by region, in an
    /// order that is a fixed function of the indices (so the same indices always give the same arrays).
    /// <paramref name="byRegion"/> is room for the indices in that order.
    /// </summary>
    public static void Gather(ReadOnlySpan<int> indices, ReadOnlySpan<float> allX, ReadOnlySpan<float> allY, Span<float> xs, Span<float> ys, Span<int> byRegion)
    {
        if (allX.Length < RegionOrderFrom)
        {
            GatherInOrder(indices, allX, allY, xs, ys);
            return;
        }
        var sorted = byRegion[..indices.Length];
        SortByRegion(indices, RegionShift(allX.Length), sorted);
        GatherInOrder(sorted, allX, allY, xs, ys);
    }

    /// <summary>The shift that maps an index below <paramref name="length"/> to one of at most <see cref="Regions"/> regions.</summary>
    static int RegionShift(int length)
    {
        var shift = 0;
        while ((length - 1) >> shift >= Regions) shift++;
        return shift;
    }

    static void SortByRegion(ReadOnlySpan<int> indices, int shift, Span<int> sorted)
    {
        Span<int> starts = stackalloc int[Regions + 1];
        starts.Clear();
        foreach (var index in indices) starts[(index >> shift) + 1]++;
        for (var region = 0; region < Regions; region++) starts[region + 1] += starts[region];
        foreach (var index in indices) sorted[starts[index >> shift]++] = index;
    }

    static void GatherInOrder(ReadOnlySpan<int> indices, ReadOnlySpan<float> allX, ReadOnlySpan<float> allY, Span<float> xs, Span<float> ys)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            (xs[i], ys[i]) = (allX[index], allY[index]);
        }
    }
}
