using System.Numerics;
using System.Runtime.InteropServices;
using Functional.Bench.Measurement;
using Functional.Bench.Workloads;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Training;
using static LanguageExt.Prelude;

namespace Functional.Bench.Modes;

/// <summary>
/// A --fused epoch at n samples against the one-pass floor, all measured in this process one after another, round
/// after round, so load from other work falls on all alike. Prints medians over the rounds, in milliseconds:
/// the epoch as the training loop runs it (both cores when the split is large), the same pass on one core, and the floor:
/// one vectorised single-thread read of the whole dataset's X and y (8 bytes a sample, the issue's definition).
/// <c>--batch-size B</c> times mini-batch epochs instead (the exact DataLoader order drawn alongside, as the CLI does).
/// </summary>
public static class FusedMode
{
    public static int Run(ModeOptions options)
    {
        var samples = options.Int("n", 10_000_000);
        var rounds = options.Int("rounds", 15);
        var batchSize = options.Int("batch-size", 0);
        var settings = NotebookSettings.With(input => input with { Step = 1.0 / samples, Epochs = 1, Fused = true });
        var dataset = LineData.Line(settings.Data);
        var split = Datasets.Split(dataset, settings.TrainSplit);
        var initial = new StateDict(Seq(
            new StateEntry("weight", ParameterValues.Of([0.3367f], 1)),
            new StateEntry("bias", ParameterValues.Of([0.1288f], 1))));
        var form = ((StepKind.FusedAffine)settings.Training.Step).Form;
        using var steps = new AffineGradientSteps(split, settings.Training, form, initial,
            batchSize > 0 ? new AffineGradientSteps.ShuffledBatches(new DataLoaderOrder(settings.Training.Seed), batchSize) : null);
        var train = split.Train;
        var sink = 0.0;
        var (epoch, oneCore, floor) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = -2; round < rounds; round++)
        {
            var e = Time(() => sink += steps.TrainEpoch().IfFail(double.NaN));
            var o = Time(() => sink += AffinePass.Run(train.X.Memory, train.Y.Memory, 0.3f, 0.9f, LossKind.L1, helper: null).Loss);
            var f = Time(() => sink += Read(dataset.X.Span) + Read(dataset.Y.Span));
            if (round < 0) continue; // warm-up
            epoch.Add(e);
            oneCore.Add(o);
            floor.Add(f);
        }
        var (epochMs, oneCoreMs, floorMs) = (Statistics.Median(epoch) * 1e3, Statistics.Median(oneCore) * 1e3, Statistics.Median(floor) * 1e3);
        Console.WriteLine(FormattableString.Invariant($"# n\t{dataset.Count}\ttraining samples\t{train.Count}\trounds\t{rounds}\t(sink {sink:G3})"));
        Console.WriteLine(FormattableString.Invariant(
            $"fused-epoch\t{epochMs:F2} ms\t{epochMs / floorMs:F2}x floor\t(two cores: {AffinePass.OnTwoCores(batchSize > 0 ? Math.Min(batchSize, train.Count) : train.Count)}; {(batchSize > 0 ? $"batches of {batchSize} in the DataLoader's order" : "full batch")})"));
        Console.WriteLine(FormattableString.Invariant($"fused-one-core\t{oneCoreMs:F2} ms\t{oneCoreMs / floorMs:F2}x floor"));
        Console.WriteLine(FormattableString.Invariant($"one-pass-floor\t{floorMs:F2} ms\t(one thread reads X and y of all {dataset.Count} samples)"));
        return 0;
    }

    static double Time(Action action)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        action();
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    static float Read(ReadOnlySpan<float> values)
    {
        // Four sums, so the adds' latency does not hide the memory's bandwidth.
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var (a, b, c, d) = (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero);
        var i = 0;
        for (; i <= vectors.Length - 4; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }
        for (; i < vectors.Length; i++) a += vectors[i];
        return Vector.Sum(a + b + c + d);
    }
}
