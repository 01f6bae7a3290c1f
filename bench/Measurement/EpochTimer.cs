using System.Diagnostics;

namespace Functional.Bench.Measurement;

/// <summary>How long to time a workload: warm-up samples first, then the median over timed samples of a few calls each.</summary>
public sealed record TimingPlan(int WarmupSamples, int TimedSamples, int CallsPerSample)
{
    /// <summary>
    /// Calls per sample grow as n shrinks so that one sample lasts milliseconds, not microseconds.
    /// pytorch_workloads.py uses the same table so both sides time the same number of epochs.
    /// </summary>
    public static TimingPlan ForSamples(long count) => count switch
    {
        <= 10_000 => new(3, 15, 200),
        <= 1_000_000 => new(3, 15, 20),
        _ => new(2, 9, 1),
    };
}

public sealed record Timing(double MedianSeconds, double MinorFaultsPerCall);

public static class EpochTimer
{
    /// <summary>
    /// The JIT recompiles a method called 30 times only after 100 ms without new tier-0 code, so a few hundred fast
    /// calls are still timed in tier-0 code (n = 100: 83 us an epoch, against 57 us within the notebook run). So the
    /// warm-up goes on until it has lasted this long; the timed samples stay the plan's, as PyTorch's side takes them.
    /// </summary>
    static readonly TimeSpan LeastWarmup = TimeSpan.FromSeconds(1);

    public static Timing Measure(TimingPlan plan, Action call)
    {
        var warming = Stopwatch.StartNew();
        for (var sample = 0; sample < plan.WarmupSamples || warming.Elapsed < LeastWarmup; sample++)
            for (var i = 0; i < plan.CallsPerSample; i++) call();

        var perCall = new List<double>(plan.TimedSamples);
        var faultsBefore = ProcessCounters.MinorFaults();
        for (var sample = 0; sample < plan.TimedSamples; sample++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < plan.CallsPerSample; i++) call();
            perCall.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / plan.CallsPerSample);
        }
        var faults = ProcessCounters.MinorFaults() - faultsBefore;
        return new Timing(Statistics.Median(perCall), (double)faults / (plan.TimedSamples * plan.CallsPerSample));
    }
}
