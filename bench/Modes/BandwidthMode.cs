using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Functional.Bench.Measurement;

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
        return 0;
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
