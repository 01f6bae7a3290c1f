using Functional.Bench.Measurement;
using Functional.Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Bench.Modes;

/// <summary>
/// The epoch taken apart at one n: each piece timed alone (same plan and names as "ops" in pytorch_workloads.py),
/// so a gap to PyTorch can be pinned on a kernel, on allocation (fresh pages) or on the managed wrappers.
/// </summary>
public static class OperationsMode
{
    public static int Run(ModeOptions options)
    {
        var threads = ThreadSetting.Apply(options.Int("threads", 0));
        var count = options.Int("n", 1_000_000);
        var malloc = MallocSetting.Apply(options.Text("malloc", "default"));
        Console.WriteLine($"# side\ttorchsharp\tthreads\t{threads}\tn\t{count}\tmalloc\t{malloc}");
        var plan = TimingPlan.ForSamples(count);

        using var data = LineTensors.OfSize(count);
        using var weight = randn(1).requires_grad_(true);
        using var bias = randn(1).requires_grad_(true);
        var x = data.X;
        var y = data.Y;

        Print("empty", plan, () => { using var t = empty(count, 1); });
        Print("zeros", plan, () => { using var t = zeros(count, 1); });
        Print("mul_ in place", plan, () => { using var noGrad = no_grad(); x.mul_(1.0f); });
        Print("mul scalar", plan, () => { using var t = x * 0.3; });
        Print("sub", plan, () => { using var t = x - y; });
        using (var scalarLoss = nn.functional.l1_loss(x, y))
        {
            // Ways to read one float back: the training loop's NaN check pays one of these every epoch.
            Print("read: item<float>()", plan, () => scalarLoss.item<float>());
            Print("read: ToSingle()", plan, () => scalarLoss.ToSingle());
            Print("read: data<float>()[0]", plan, () => _ = scalarLoss.data<float>()[0]);
        }
        Print("l1_loss", plan, () => { using var t = nn.functional.l1_loss(x, y); });
        Print("forward+loss (grad)", plan, () =>
        {
            using var scope = NewDisposeScope();
            nn.functional.l1_loss(weight * x + bias, y);
        });
        Print("forward+loss+backward", plan, () =>
        {
            using var scope = NewDisposeScope();
            weight.grad?.zero_();
            bias.grad?.zero_();
            nn.functional.l1_loss(weight * x + bias, y).backward();
        });
        using (var workload = EpochWorkload.OfSize(count))
        {
            Print("epoch (trainer)", plan, () => workload.Run());
            Print("epoch (no item)", plan, workload.RunWithoutItem);
        }
        return 0;
    }

    static void Print(string name, TimingPlan plan, Action call)
    {
        var timing = EpochTimer.Measure(plan, call);
        Console.WriteLine(FormattableString.Invariant($"{name}\t{timing.MedianSeconds * 1e6:F1} us\t{timing.MinorFaultsPerCall:F1} faults"));
    }
}
