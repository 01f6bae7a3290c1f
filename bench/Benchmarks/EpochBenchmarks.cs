using BenchmarkDotNet.Attributes;
using Functional.Bench.Workloads;

namespace Functional.Bench.Benchmarks;

/// <summary>One full-batch epoch of the notebook's loop (L1 + SGD) at growing n.</summary>
public class EpochBenchmarks
{
    EpochWorkload? workload;

    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public long Samples { get; set; }

    [GlobalSetup]
    public void CreateWorkload() => workload = EpochWorkload.OfSize(Samples);

    [GlobalCleanup]
    public void DisposeWorkload() => workload?.Dispose();

    [Benchmark]
    public double Epoch() => workload!.Run();
}
