using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Functional.Bench.Measurement;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Training;

namespace Functional.Bench.Modes;

/// <summary>
/// The machine's memory bandwidth, to put a floor under the large-n epoch times: an epoch must at least read X and y
/// once (8 bytes a sample). Measures a plain copy (read + write) and a vectorised read-only sum over buffers far
/// larger than the caches.
/// </summary>
public static class BandwidthMode
{
    public static int Run(ModeOptions options)
    {
        var megabytes = options.Int("megabytes", 512);
        var repeats = options.Int("repeats", 9);
        var gathered = options.Int("gather", 80_000_000);
        var floats = megabytes * 1024L * 1024 / sizeof(float);
        var source = new float[floats];
        var destination = new float[floats];
        Array.Fill(source, 1f);
        Array.Fill(destination, 0f);
        var bytes = floats * sizeof(float);

        var copySeconds = Median(repeats, () => source.AsSpan().CopyTo(destination));
        var sink = 0f;
        var readSeconds = Median(repeats, () => sink += Sum(source));

        Console.WriteLine($"# buffer\t{megabytes} MiB\trepeats\t{repeats}\t(sum {sink})");
        Console.WriteLine(FormattableString.Invariant($"copy-bandwidth\t{2.0 * bytes / copySeconds / 1e9:F2}\tGB/s (read + write)"));
        Console.WriteLine(FormattableString.Invariant($"read-bandwidth\t{bytes / readSeconds / 1e9:F2}\tGB/s (one thread)"));
        if (gathered > 0) GatherFloor(gathered, Math.Min(repeats, 3));
        return 0;
    }

    /// <summary>
    /// The floor under a shuffled mini-batch epoch: reading x[i] and y[i] for every sample, from two float32 columns on
    /// 2 MB pages as training holds them, on one thread, and drawing the DataLoader's exact order. Each sample is two
    /// cache misses, so this is the memory's random-access rate, not its bandwidth: once in the order itself, and once as
    /// the epoch reads them (<see cref="SampleGather"/>, pieces of 125,000 put in region order), the same reads made
    /// cheaper by keeping their address translations cached. The floor is the cheaper reads and the order shared by two
    /// threads.
    /// </summary>
    static void GatherFloor(int samples, int repeats)
    {
        var x = LargeArrays.Allocate<float>(samples);
        var y = LargeArrays.Allocate<float>(samples);
        var order = LargeArrays.Allocate<int>(samples);
        for (var i = 0; i < samples; i++) (x[i], y[i], order[i]) = (i, -i, i);
        var random = new Random(7);
        for (var i = samples - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var sink = 0f;
        var inOrder = Median(repeats, () =>
        {
            var total = 0f;
            foreach (var index in order) total += x[index] - y[index];
            sink += total;
        });
        Console.WriteLine(FormattableString.Invariant(
            $"gather\t{inOrder:F3}\ts for {samples:N0} samples in a random order ({samples / inOrder / 1e6:F0} M samples/s, one thread; sum {sink})"));
        const int Piece = 125_000;
        var (xs, ys, byRegion) = (new float[Piece], new float[Piece], new int[Piece]);
        var byRegions = Median(repeats, () =>
        {
            var total = 0f;
            for (var start = 0; start < samples; start += Piece)
            {
                var length = Math.Min(Piece, samples - start);
                SampleGather.Gather(order.AsSpan(start, length), x, y, xs, ys, byRegion);
                total += xs[0] - ys[length - 1];
            }
            sink += total;
        });
        Console.WriteLine(FormattableString.Invariant(
            $"gather-by-region\t{byRegions:F3}\ts for the same samples, pieces of {Piece:N0} read region by region as the epoch reads them (one thread)"));
        var shuffle = new DataLoaderShuffle(42);
        var drawing = Median(repeats, () => shuffle.NextEpoch(order));
        Console.WriteLine(FormattableString.Invariant(
            $"exact-order\t{drawing:F3}\ts to draw the DataLoader's order of {samples:N0} samples (one thread)"));
        Console.WriteLine(FormattableString.Invariant(
            $"shuffled-epoch-floor\t{(byRegions + drawing) / 2:F3}\ts (the reads by region and the order shared by two threads)"));
    }

    static double Median(int repeats, Action action)
    {
        action();
        var seconds = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return Statistics.Median(seconds);
    }

    static float Sum(float[] values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var total = Vector<float>.Zero;
        foreach (var vector in vectors) total += vector;
        return Vector.Sum(total);
    }
}
