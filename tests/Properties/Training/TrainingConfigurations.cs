using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Whole training configurations as a user could type them, every one accepted by <see cref="RunSettings.Create"/>:
/// every declared model, both losses and optimisers, lines of 2 to about 250 samples (small and large offsets, rising
/// and falling steps), splits, seeds, epochs and evaluation intervals, no batch or batches of 1, a few, a size that does
/// not divide the split and one at least as large as the split, and learning rates from tiny to diverging; and each
/// one's --fused twin (<see cref="Fused"/>, full batch or mini-batch) where it applies and is meant to print PyTorch's digits. The work per
/// configuration is bounded (about 1,500 optimiser steps) so hundreds of them run in a minute or two, in PyTorch and here.
/// </summary>
public static class TrainingConfigurations
{
    const int MaxSteps = 1500;

    /// <summary>Epochs at most for a model that sums dot products (see <see cref="SumsDotProducts"/>).</summary>
    const int DotProductEpochs = 10;

    /// <summary>
    /// Mostly anything; one in six a run --fused can take (an affine model, SGD, MSE, full batch or any of the batch sizes,
    /// a fixed rate and no early stopping, whose decisions could turn on the last bits --fused rounds otherwise) so its
    /// twins are many.
    /// </summary>
    public static Gen<SettingsInput> Settings()
    {
        var fusable = Any().Select(input => input with
        {
            Model = ModelCatalog.Specs.Find(spec => spec.Affine.IsSome).Map(spec => spec.Key).IfNone(input.Model),
            Optimizer = OptimizerKind.Sgd, Loss = LossKind.Mse, Control = ControlInput.Notebook,
        });
        return
            from input in Gen.Frequency((5, Any()), (1, fusable))
            where Valid(input)
            select input;
    }

    static Gen<SettingsInput> Any() =>
        from model in Gen.Elements(ModelCatalog.Specs.ToArray())
        from loss in Gen.Elements(LossKind.L1, LossKind.Mse)
        from optimizer in Gen.Elements(OptimizerKind.Sgd, OptimizerKind.Adam)
        from line in Line()
        from split in Gen.Choose(30, 95).Select(percent => percent / 100.0)
        let trainCount = Datasets.TrainCount(line.SampleCount, split)
        where trainCount >= 1 && trainCount < line.SampleCount
        from batch in BatchSize(trainCount)
        let batchesPerEpoch = batch.Match(size => (trainCount + size - 1) / size, () => 1)
        let sumsDotProducts = SumsDotProducts(model)
        from epochs in Gen.Choose(1, Math.Clamp(MaxSteps / batchesPerEpoch, 1, sumsDotProducts ? DotProductEpochs : 300))
        from evalEvery in Gen.Frequency((3, Gen.Choose(1, 10)), (2, Gen.Choose(1, epochs + 5)))
        from learningRate in sumsDotProducts ? LearningRate().Where(rate => rate <= 0.1) : LearningRate()
        from seed in Seed()
        from control in sumsDotProducts ? Gen.Constant(ControlInput.Notebook) : Control(epochs)
        let input = new SettingsInput(line.Weight, line.Bias, line.Start, line.End, line.Step, split, epochs, learningRate, evalEvery,
            batch, seed, loss, optimizer, model.Key, false, control)
        where Valid(input)
        select input;

    /// <summary>
    /// The same configuration with --fused where its printed digits are meant to be PyTorch's: the model, optimiser and
    /// batch allow it, and the run contracts, so that rounding differences shrink instead of growing: MSE (no sign
    /// flips) at a rate below 1/L, L the largest eigenvalue of the loss's Hessian over the training inputs (with
    /// --batch-size, over any batch's: a batch's Hessian is the mean of its samples', so the largest single sample's
    /// bounds it). --fused sums
    /// in double where autograd sums in float32, so a diverging run, an L1 run whose sign pattern turns on a last bit,
    /// or inputs far from 0 can print other digits (README, "--fused").
    /// </summary>
    public static Option<SettingsInput> Fused(SettingsInput input) =>
        Some(input with { Fused = true }).Filter(_ => input.Control == ControlInput.Notebook).Filter(fused => Valid(fused) && fused.Loss == LossKind.Mse && fused.LearningRate * LargestCurvature(fused) < 1);

    /// <summary>
    /// 2 λmax([[E x², E x], [E x, 1]]) over the training inputs: the MSE Hessian's largest eigenvalue; for mini-batches
    /// the largest over single samples, 2 (x² + 1), which bounds every batch's.
    /// </summary>
    static double LargestCurvature(SettingsInput input)
    {
        var samples = (long)Math.Ceiling((input.End - input.Start) / input.Step);
        var train = Datasets.TrainCount((int)samples, input.TrainSplit);
        var xs = Enumerable.Range(0, train).Select(i => input.Start + i * input.Step).ToArray();
        if (input.BatchSize.IsSome) return xs.Max(x => 2 * (x * x + 1));
        var (meanX, meanX2) = (xs.Average(), xs.Average(x => x * x));
        return 2 * ((meanX2 + 1) / 2 + Math.Sqrt((meanX2 - 1) / 2 * ((meanX2 - 1) / 2) + meanX * meanX));
    }

    /// <summary>
    /// A layer whose outputs are sums of products (a weight of shape [out, in], in &gt; 1): libtorch 2.x and PyTorch 1.13
    /// order those sums differently, so its test losses agree only to printed precision, and a decision taken on their
    /// last bits (plateau, early stopping) could go either way; such models get no scheduler or early stopping here.
    /// Each step adds a last-bit difference that a long run, and all the more a diverging one, amplifies past printed
    /// precision (seen at lr 0.5 with Adam over 125 epochs, and at lr 1e6), so their runs are short
    /// (<see cref="DotProductEpochs"/>) at rates up to 0.1.
    /// </summary>
    public static bool SumsDotProducts(Domain.Models.ModelSpec model) =>
        model.StateDict.Parameters.Exists(p => p.Shape.Count == 2 && p.Shape[1] > 1);

    /// <summary>
    /// Mostly the notebook's fixed rate; otherwise one of the four schedulers with arguments that change the rate within
    /// the run (or just after it), and sometimes early stopping and --restore-best, with or without a min delta.
    /// </summary>
    static Gen<ControlInput> Control(int epochs)
    {
        var none = ControlInput.Notebook;
        var schedule = Gen.Frequency(
            (4, Gen.Constant(none)),
            (1, from size in Gen.Choose(1, Math.Max(1, epochs / 2))
                from gamma in Gen.Frequency((1, Gen.Constant(Option<double>.None)), (3, Gen.Elements(0.5, 0.9, 0.1, 0.33).Select(Some)))
                select none with { Scheduler = SchedulerKind.Step, StepSize = Some(size), Gamma = gamma }),
            (1, from gamma in Gen.Elements(0.99, 0.95, 0.9, 0.7)
                select none with { Scheduler = SchedulerKind.Exponential, Gamma = Some(gamma) }),
            (1, from tMax in Gen.Frequency((1, Gen.Constant(Option<int>.None)), (3, Gen.Choose(1, epochs + 3).Select(Some)))
                select none with { Scheduler = SchedulerKind.Cosine, TMax = tMax }),
            (1, from factor in Gen.Frequency((1, Gen.Constant(Option<double>.None)), (3, Gen.Elements(0.5, 0.2, 0.9).Select(Some)))
                from patience in Gen.Frequency((1, Gen.Constant(Option<int>.None)), (3, Gen.Choose(0, 4).Select(Some)))
                select none with { Scheduler = SchedulerKind.Plateau, Factor = factor, SchedulerPatience = patience }));
        return
            from scheduled in schedule
            from patience in Gen.Frequency((3, Gen.Constant(Option<int>.None)), (1, Gen.Choose(1, 5).Select(Some)))
            from restoreBest in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            from minDelta in Gen.Frequency((2, Gen.Constant(Option<double>.None)), (1, Gen.Elements(0.0, 1e-4, 0.001, 0.01).Select(Some)))
            select scheduled with
            {
                EarlyStopPatience = patience, RestoreBest = restoreBest,
                EarlyStopMinDelta = patience.IsSome || restoreBest ? minDelta : None,
            };
    }

    static bool Valid(SettingsInput input) => RunSettings.Create(input, ModelCatalog.Specs, MemoryBudget.Unlimited).IsSuccess;

    sealed record LineSpec(double Weight, double Bias, double Start, double End, double Step, int SampleCount);

    /// <summary>Hundredths for weight, bias and start; steps from a few grids, either sign; mostly near 0, sometimes at ±1000 where float32 spacing shows.</summary>
    static Gen<LineSpec> Line() =>
        from weight in Gen.Choose(-300, 300)
        from bias in Gen.Choose(-300, 300)
        from offset in Gen.Frequency((5, Gen.Constant(0)), (1, Gen.Elements(-1000, 1000, 100, -37)))
        from start in Gen.Choose(-200, 200)
        from step in Gen.Elements(0.01, 0.02, 0.025, 0.05, 0.1, 0.004, 0.03, 0.07, 0.3)
        from falling in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from samples in Gen.Frequency((3, Gen.Choose(2, 40)), (3, Gen.Choose(41, 250)))
        let first = offset + start / 100.0
        let signedStep = falling ? -step : step
        let last = first + samples * signedStep
        let spec = DatasetSpec.Create(weight / 100.0, bias / 100.0, first, last, signedStep)
        where spec.IsSuccess
        select spec.Match(
            Succ: s => new LineSpec(s.Weight, s.Bias, s.Start, s.End, s.Step, s.SampleCount),
            Fail: _ => throw new InvalidOperationException("filtered above"));

    /// <summary>None (full batch), 1, a few, a size that leaves a shorter last batch, or at least the whole split.</summary>
    static Gen<Option<int>> BatchSize(int trainCount)
    {
        var nonDivisors = Enumerable.Range(2, Math.Max(0, trainCount - 2)).Where(size => trainCount % size != 0).ToArray();
        return Gen.Frequency(
            (6, Gen.Constant(Option<int>.None)),
            (1, Gen.Constant(Some(1))),
            (2, Gen.Choose(2, 8).Select(Some)),
            (2, nonDivisors.Length > 0 ? Gen.Elements(nonDivisors).Select(Some) : Gen.Choose(2, 8).Select(Some)),
            (2, Gen.Choose(trainCount, trainCount + 50).Select(Some)));
    }

    /// <summary>Mostly stable rates; one in ten large enough that MSE with SGD overflows, to check that both stop at the same epoch.</summary>
    static Gen<double> LearningRate() => Gen.Frequency(
        (9, Gen.Elements(1e-4, 1e-3, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)),
        (1, Gen.Elements(3.0, 10.0, 1e3, 1e6)));

    static Gen<long> Seed() => Gen.Frequency(
        (4, Gen.Choose(0, 1000).Select(seed => (long)seed)),
        (1, ArbMap.Default.GeneratorFor<long>()));
}
