using Functional.Domain.Data;
using Functional.Domain.Metrics;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// <c>weight * x + bias</c> trained with analytic gradients in one pass over the data per epoch, instead of autograd's
/// graph of n-sized temporaries (<c>--fused</c>). L1: dL/dw = mean(sign(r) x), dL/db = mean(sign(r)); MSE:
/// dL/dw = mean(2 r x), dL/db = mean(2 r), with r = w x + b - y; then the plain SGD step. Each residual is computed in
/// float32 exactly as PyTorch computes it; sums are accumulated in double, so results agree with autograd to float
/// rounding (autograd sums in float, in another order), not bit for bit. The parameter names come from the model's
/// <see cref="AffineForm"/>. A large split is summed on two cores (<see cref="AffinePass"/>) with the same result as on one.
/// With <c>--batch-size</c> (<see cref="ShuffledBatches"/>) each epoch steps once per batch of the DataLoader's order: the
/// batch's samples gathered by index, the same pass over them, and the epoch's loss PyTorch's tutorials' running mean
/// (<c>running_loss += loss.item() * inputs.size(0)</c>, in double, over the sample count), as the autograd mini-batches.
/// </summary>
public sealed class AffineGradientSteps : ITrainingSteps
{
    readonly DatasetSplit split;
    readonly AffineForm form;
    readonly StateDict initial;
    readonly LossKind loss;
    float learningRate;
    double groupRate;
    readonly PassHelper? helper;
    readonly ShuffledBatches? batches;
    float weight;
    float bias;

    /// <summary>The order and size of <c>--batch-size</c>'s batches, and this thread's buffers for gathering their samples.</summary>
    public sealed class ShuffledBatches(IEpochOrder order, int size)
    {
        public IEpochOrder Order { get; } = order;
        public int Size { get; } = size;
        internal AffinePass.Scratch Scratch { get; } = new(0);
    }

    /// <summary>
    /// <paramref name="newArray"/> makes the array <see cref="PredictTest"/> fills (by default a plain one; the shell's are
    /// on 2 MB pages, whose few faults cost far less than the tens of thousands of a large plain array's first touch).
    /// </summary>
    public AffineGradientSteps(DatasetSplit split, TrainingConfig config, AffineForm form, StateDict initial, ShuffledBatches? batches = null,
        Func<int, float[]>? newArray = null)
    {
        (this.split, this.form, this.initial, this.batches) = (split, form, initial, batches);
        this.newArray = newArray ?? (length => new float[length]);
        evaluationBlock = new float[Math.Min(split.Test.Count, EvaluationBlock)];
        (loss, learningRate, groupRate) = (config.Loss, (float)config.LearningRate, config.LearningRate);
        weight = Scalar(initial, form.WeightKey);
        bias = Scalar(initial, form.BiasKey);
        var largestPass = batches is null ? split.Train.Count : Math.Min(batches.Size, split.Train.Count);
        helper = AffinePass.OnTwoCores(Math.Max(largestPass, split.Test.Count)) ? new PassHelper() : null;
    }

    public Fin<double> TrainEpoch() =>
        batches is null
            ? (double)Step(AffinePass.Run(split.Train.X.Memory, split.Train.Y.Memory, weight, bias, loss, AffinePass.OnTwoCores(split.Train.Count) ? helper : null))
            : BatchEpoch(batches);

    /// <summary>The plain SGD step from one pass's gradients; the pass's loss, for the epoch's.</summary>
    float Step(AffinePassResult pass)
    {
        weight -= learningRate * pass.WeightGradient;
        bias -= learningRate * pass.BiasGradient;
        return pass.Loss;
    }

    /// <summary>
    /// The epoch's batches, each as soon as the order is final past it. While the order is still being drawn (on the
    /// second core, <see cref="IEpochOrder"/>) the batches are summed on this thread alone: the order is the longer of the
    /// two jobs, and a pass helper sharing its core slowed the drawing by more than it saved. n = 10^8, batches of 10^6,
    /// the four combinations alternating epoch by epoch in one process, medians of 5: 1.67 s with the helper and the
    /// gather in index order, 1.63 s with the helper idle, 1.37 s with the gather by region, 1.11 s with both.
    /// </summary>
    double BatchEpoch(ShuffledBatches batches)
    {
        var count = split.Train.Count;
        var permutation = batches.Order.Start(count);
        var runningLoss = 0.0;
        for (var start = 0; start < count; start += batches.Size)
        {
            var length = Math.Min(batches.Size, count - start);
            batches.Order.WaitFor(start + length);
            runningLoss += Step(AffinePass.RunGathered(permutation.Slice(start, length), split.Train.X.Memory, split.Train.Y.Memory, weight, bias, loss,
                AffinePass.OnTwoCores(length) && batches.Order.IsFinal(count) ? helper : null, batches.Scratch)) * (double)length;
        }
        return runningLoss / count;
    }

    /// <summary>Test samples an evaluation predicts at a time: its metrics go on block by block, so no test-sized array is made.</summary>
    const int EvaluationBlock = 1 << 15;

    readonly float[] evaluationBlock;
    readonly Func<int, float[]> newArray;

    public Fin<Evaluation> Evaluate()
    {
        var inputs = split.Test.X.Span;
        var targets = split.Test.Y.Span;
        var residuals = ResidualSums.Zero;
        for (var start = 0; start < targets.Length; start += evaluationBlock.Length)
        {
            var block = evaluationBlock.AsSpan(0, Math.Min(evaluationBlock.Length, targets.Length - start));
            PredictInto(inputs.Slice(start, block.Length), block);
            residuals = residuals.Add(block, targets.Slice(start, block.Length));
        }
        return new Evaluation(
            AffinePass.Run(split.Test.X.Memory, split.Test.Y.Memory, weight, bias, loss, AffinePass.OnTwoCores(split.Test.Count) ? helper : null).Loss,
            RegressionMetrics.Of(residuals, targets));
    }

    /// <summary>The initial state_dict with the two trained values in place, so the keys keep the module's order.</summary>
    public Fin<StateDict> StateDict() => new StateDict(initial.Entries.Map(entry =>
        entry.Key == form.WeightKey ? entry with { Value = ParameterValues.Scalar(weight) }
        : entry.Key == form.BiasKey ? entry with { Value = ParameterValues.Scalar(bias) }
        : entry).Strict());

    public Fin<Floats> PredictTest()
    {
        var predictions = newArray(split.Test.Count);
        PredictInto(split.Test.X.Span, predictions);
        return Floats.Of(predictions);
    }

    void PredictInto(ReadOnlySpan<float> inputs, Span<float> predictions)
    {
        for (var i = 0; i < predictions.Length; i++) predictions[i] = AffinePass.Predict(weight, bias, inputs[i]);
    }

    /// <summary>
    /// SGD casts the group's rate to the parameters' float32 when it steps, as this keeps it; the group's own double is
    /// kept for checkpoints, so a resumed run reports the rate the uninterrupted one does.
    /// </summary>
    public Fin<Unit> SetLearningRate(double rate)
    {
        (learningRate, groupRate) = ((float)rate, rate);
        return unit;
    }

    public Fin<Unit> LoadStateDict(StateDict stateDict)
    {
        (weight, bias) = (Scalar(stateDict, form.WeightKey), Scalar(stateDict, form.BiasKey));
        return unit;
    }

    /// <summary>
    /// Plain SGD keeps <c>{'momentum_buffer': None}</c> per parameter once it has stepped; with <c>--batch-size</c> the
    /// DataLoader's generator state is kept as the autograd mini-batches keep it.
    /// </summary>
    public Fin<StepsState> Save() => StateDict().Map(model => new StepsState(model,
        new OptimizerState(OptimizerKind.Sgd, groupRate, None, model.Entries.Map(_ => (ParameterState)new ParameterState.Sgd()).Strict()),
        batches is null ? None : Some(batches.Order.State())));

    public Fin<Unit> Restore(StepsState state) =>
        state.Optimizer.Kind != OptimizerKind.Sgd
            ? FinFail<Unit>(LanguageExt.Common.Error.New("--fused trains with SGD; the checkpoint holds another optimizer's state"))
            : LoadStateDict(state.Model).Bind(_ => SetLearningRate(state.Optimizer.LearningRate)).Map(done =>
            {
                if (batches is not null) state.Generator.Iter(batches.Order.Restore);
                return done;
            });

    public void Dispose()
    {
        helper?.Dispose();
        batches?.Order.Dispose();
    }

    static float Scalar(StateDict state, string key) => state.Find(key).Bind(v => v.Data.HeadOrNone()).IfNone(0f);
}
