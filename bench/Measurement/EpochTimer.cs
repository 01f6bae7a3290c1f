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
    public static Timing Measure(TimingPlan plan, Action call)
    {
        for (var sample = 0; sample < plan.WarmupSamples; sample++)
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
