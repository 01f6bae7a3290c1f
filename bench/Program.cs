using BenchmarkDotNet.Running;
using Functional.Bench.Modes;

namespace Functional.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Functional.TorchAdapter.Backend.PyTorchArithmetic.UseEverywhere(); // as the CLI computes
        return Run(args);
    }

    static int Run(string[] args) => args.FirstOrDefault() switch
    {
        "quick" => QuickMode.Run(ModeOptions.Parse(args.Skip(1), "threads", "only", "variant", "malloc")),
        "memory" => MemoryMode.Run(ModeOptions.Parse(args.Skip(1), "threads", "epochs", "every", "malloc")),
        "bandwidth" => BandwidthMode.Run(ModeOptions.Parse(args.Skip(1), "megabytes", "repeats", "gather")),
        "fused" => FusedMode.Run(ModeOptions.Parse(args.Skip(1), "n", "rounds", "batch-size")),
        "ops" => OperationsMode.Run(ModeOptions.Parse(args.Skip(1), "threads", "n", "malloc")),
        "csv-load" => CsvLoadMode.Run(ModeOptions.Parse(args.Skip(1), "file", "repeats")),
        _ => RunBenchmarkDotNet(args),
    };

    static int RunBenchmarkDotNet(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.InProcess());
        return 0;
    }
}
