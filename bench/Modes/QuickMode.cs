using Functional.Bench.Measurement;
using Functional.Bench.Workloads;
using Functional.Domain.Settings;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using static TorchSharp.torch;

namespace Functional.Bench.Modes;

/// <summary>
/// Medians without BenchmarkDotNet, in the same tab-separated form pytorch_workloads.py prints, for compare-pytorch.sh:
/// <c>workload  seconds-per-call  minor-faults-per-call</c>.
/// </summary>
public static class QuickMode
{
    public static readonly long[] EpochSizes = [100, 10_000, 1_000_000, 10_000_000];

    public static int Run(ModeOptions options)
    {
        var threads = ThreadSetting.Apply(options.Int("threads", 0));
        var only = options.Text("only", "");
        var variant = options.Text("variant", "trainer");
        var malloc = MallocSetting.Apply(options.Text("malloc", "default"));
        Console.WriteLine($"# side\ttorchsharp {TorchSharp.torch.__version__}");
        Console.WriteLine($"# threads\t{threads}");
        Console.WriteLine($"# variant\t{variant}");
        Console.WriteLine($"# malloc\t{malloc}");

        foreach (var count in EpochSizes)
        {
            var name = $"epoch-n{count}";
            if (only != "" && only != name) continue;
            using var workload = EpochWorkload.OfSize(count);
            Action epoch = variant switch
            {
                "trainer" => () => workload.Run(),
                "noitem" => workload.RunWithoutItem,
                _ => throw new ArgumentException($"unknown variant '{variant}' (trainer, noitem)"),
            };
            Print(name, EpochTimer.Measure(TimingPlan.ForSamples(count), epoch));
        }

        if (only == "" || only == "workflow-300")
            Print("workflow-300", EpochTimer.Measure(new TimingPlan(3, 15, 1), RunNotebookWorkflow));
        return 0;
    }

    static void RunNotebookWorkflow() =>
        NotebookWorkflow.Run(NotebookSettings.With(input => input), ModelCatalog.All, ComputeDevice.Cpu).IfFail(e => throw new InvalidOperationException(e.Message));

    static void Print(string name, Timing timing) =>
        Console.WriteLine(FormattableString.Invariant($"{name}\t{timing.MedianSeconds:E4}\t{timing.MinorFaultsPerCall:F1}"));
}
