using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Functional.Bench;

public static class BenchmarkConfig
{
    /// <summary>
    /// In-process: a generated child project would need the libLibTorchSharp glibc fix (build/) applied to its own
    /// output folder, and it would inherit warnings-as-errors on BenchmarkDotNet's generated code.
    /// </summary>
    public static IConfig InProcess() =>
        DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);
}
