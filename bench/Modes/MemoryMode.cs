using System.Diagnostics;
using Functional.Bench.Measurement;
using Functional.Bench.Workloads;
using Functional.Domain.Data;
using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Training;
using static TorchSharp.torch;

namespace Functional.Bench.Modes;

/// <summary>
/// Long training on the notebook data with resident memory sampled as it goes. Two runs: the loop's full-batch steps
/// driven epoch by epoch, sampled exactly every <c>--every</c> epochs, and the whole Trainer.Train for the same number
/// of epochs, sampled by a background thread. Either growing means a native leak.
/// </summary>
public static class MemoryMode
{
    public static int Run(ModeOptions options)
    {
        var threads = ThreadSetting.Apply(options.Int("threads", 0));
        var epochs = options.Int("epochs", 100_000);
        var every = options.Int("every", 10_000);
        var malloc = MallocSetting.Apply(options.Text("malloc", "default"));
        Console.WriteLine($"# threads\t{threads}\tepochs\t{epochs}\tsample every\t{every}\tmalloc\t{malloc}");

        var loop = SampleEpochLoop(epochs, every);
        Report("epoch-loop", loop);

        var trainer = SampleTrainer(epochs);
        Report("trainer", trainer);

        Console.WriteLine($"# peak VmHWM over both runs\t{ProcessCounters.PeakResidentKiB() / 1024.0:F1} MiB");
        return 0;
    }

    sealed record Sample(string Label, long ResidentKiB);

    static List<Sample> SampleEpochLoop(int epochs, int every)
    {
        var samples = new List<Sample> { new("epoch 0", ProcessCounters.ResidentKiB()) };
        using var workload = EpochWorkload.On(LineTensors.NotebookSplit());
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            workload.Run();
            if (epoch % every == 0) samples.Add(new($"epoch {epoch}", ProcessCounters.ResidentKiB()));
        }
        return samples;
    }

    static List<Sample> SampleTrainer(int epochs)
    {
        var settings = NotebookSettings.With(input => input with { Epochs = epochs });
        var split = Datasets.Split(LineData.Line(settings.Data), settings.TrainSplit);
        var config = settings.Training;
        var samples = new List<Sample> { new("0.0 s", ProcessCounters.ResidentKiB()) };
        using var done = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                try { await Task.Delay(1000, done.Token); } catch (TaskCanceledException) { break; }
                lock (samples) samples.Add(new($"{clock.Elapsed.TotalSeconds:F1} s", ProcessCounters.ResidentKiB()));
            }
        });
        var trained = Trainer.Train(split, config, EpochWorkload.NotebookModel(), ComputeDevice.Cpu);
        done.Cancel();
        sampler.Wait();
        trained.IfFail(e => throw new InvalidOperationException(e.Message));
        samples.Add(new($"{clock.Elapsed.TotalSeconds:F1} s (done)", ProcessCounters.ResidentKiB()));
        return samples;
    }

    static void Report(string run, List<Sample> samples)
    {
        foreach (var sample in samples)
            Console.WriteLine($"{run}\t{sample.Label}\t{sample.ResidentKiB / 1024.0:F1} MiB");
        // The first sample precedes warm-up (lazy native initialisation), so growth is measured from the second.
        var baseline = samples[Math.Min(1, samples.Count - 1)].ResidentKiB;
        var growth = samples[^1].ResidentKiB - baseline;
        Console.WriteLine($"# {run}: peak {samples.Max(s => s.ResidentKiB) / 1024.0:F1} MiB, growth after warm-up {growth / 1024.0:F1} MiB");
    }
}
