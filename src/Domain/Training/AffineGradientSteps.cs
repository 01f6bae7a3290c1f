using System.Numerics;
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
/// <see cref="AffineForm"/>.
/// </summary>
public sealed class AffineGradientSteps : ITrainingSteps
{
    readonly DatasetSplit split;
    readonly AffineForm form;
    readonly StateDict initial;
    readonly LossKind loss;
    float learningRate;
    float weight;
    float bias;

    public AffineGradientSteps(DatasetSplit split, TrainingConfig config, AffineForm form, StateDict initial)
    {
        (this.split, this.form, this.initial) = (split, form, initial);
        (loss, learningRate) = (config.Loss, (float)config.LearningRate);
        weight = Scalar(initial, form.WeightKey);
        bias = Scalar(initial, form.BiasKey);
    }

    public Fin<double> TrainEpoch()
    {
        var pass = Pass(split.Train.X.Span, split.Train.Y.Span, weight, bias, loss);
        weight -= learningRate * pass.WeightGradient;
        bias -= learningRate * pass.BiasGradient;
        return (double)pass.Loss;
    }

    public Fin<Evaluation> Evaluate() =>
        PredictTest().Map(predictions => new Evaluation(
            Pass(split.Test.X.Span, split.Test.Y.Span, weight, bias, loss).Loss,
            RegressionMetrics.Of(predictions.Span, split.Test.Y.Span)));

    /// <summary>The initial state_dict with the two trained values in place, so the keys keep the module's order.</summary>
    public Fin<StateDict> StateDict() => new StateDict(initial.Entries.Map(entry =>
        entry.Key == form.WeightKey ? entry with { Value = ParameterValues.Scalar(weight) }
        : entry.Key == form.BiasKey ? entry with { Value = ParameterValues.Scalar(bias) }
        : entry).Strict());

    public Fin<Floats> PredictTest()
    {
        var inputs = split.Test.X.Span;
        var predictions = new float[inputs.Length];
        for (var i = 0; i < predictions.Length; i++) predictions[i] = Predict(weight, bias, inputs[i]);
        return Floats.Of(predictions);
    }

    /// <summary>SGD casts the group's rate to the parameters' float32 when it steps, as this keeps it.</summary>
    public Fin<Unit> SetLearningRate(double rate)
    {
        learningRate = (float)rate;
        return unit;
    }

    public Fin<Unit> LoadStateDict(StateDict stateDict)
    {
        (weight, bias) = (Scalar(stateDict, form.WeightKey), Scalar(stateDict, form.BiasKey));
        return unit;
    }

    /// <summary>Plain SGD keeps <c>{'momentum_buffer': None}</c> per parameter once it has stepped; there is no generator.</summary>
    public Fin<StepsState> Save() => StateDict().Map(model => new StepsState(model,
        new OptimizerState(OptimizerKind.Sgd, learningRate, None, model.Entries.Map(_ => (ParameterState)new ParameterState.Sgd()).Strict()),
        None));

    public Fin<Unit> Restore(StepsState state) =>
        state.Optimizer.Kind != OptimizerKind.Sgd
            ? FinFail<Unit>(LanguageExt.Common.Error.New("--fused trains with SGD; the checkpoint holds another optimizer's state"))
            : LoadStateDict(state.Model).Bind(_ => SetLearningRate(state.Optimizer.LearningRate));

    public void Dispose()
    {
        // Plain arrays and floats: nothing to free.
    }

    static float Scalar(StateDict state, string key) => state.Find(key).Bind(v => v.Data.HeadOrNone()).IfNone(0f);

    readonly record struct PassResult(float Loss, float WeightGradient, float BiasGradient);

    /// <summary>
    /// Loss and gradients in one pass; float32 per sample as PyTorch's kernels, double sums. SIMD lanes compute the same
    /// per-sample float32 values as the scalar tail; only the order of the double sums differs.
    /// </summary>
    static PassResult Pass(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, float weight, float bias, LossKind loss)
    {
        var (lossSums, weightSums, biasSums) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        var (w, b, two) = (new Vector<float>(weight), new Vector<float>(bias), new Vector<float>(2f));
        var i = 0;
        for (; i <= xs.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var x = new Vector<float>(xs[i..]);
            var residual = (w * x + b) - new Vector<float>(ys[i..]);
            var (lossTerm, slope) = loss == LossKind.L1
                ? (Vector.Abs(residual), Sign(residual))
                : (residual * residual, two * residual);
            Accumulate(ref lossSums, lossTerm);
            Accumulate(ref weightSums, slope * x);
            Accumulate(ref biasSums, slope);
        }
        double lossSum = Vector.Sum(lossSums), weightSum = Vector.Sum(weightSums), biasSum = Vector.Sum(biasSums);
        for (; i < xs.Length; i++)
        {
            var residual = Predict(weight, bias, xs[i]) - ys[i];
            var (lossTerm, slope) = loss == LossKind.L1
                ? (MathF.Abs(residual), (float)MathF.Sign(residual))
                : (residual * residual, 2f * residual);
            lossSum += lossTerm;
            weightSum += slope * xs[i];
            biasSum += slope;
        }
        var n = (double)xs.Length;
        // PyTorch sums the loss terms in float32 before dividing: a sum beyond float32's range is infinite there, so here too.
        var meanLoss = lossSum > float.MaxValue ? float.PositiveInfinity : (float)(lossSum / n);
        return new PassResult(meanLoss, (float)(weightSum / n), (float)(biasSum / n));
    }

    /// <summary>sign(r) as torch.sign: -1, 0 or 1 (NaN stays NaN through the comparisons' zero, caught by the loss check).</summary>
    static Vector<float> Sign(Vector<float> residual) =>
        Vector.ConditionalSelect(Vector.GreaterThan(residual, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
        - Vector.ConditionalSelect(Vector.LessThan(residual, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);

    static void Accumulate(ref Vector<double> sums, Vector<float> values)
    {
        Vector.Widen(values, out var low, out var high);
        sums += low + high;
    }

    static float Predict(float weight, float bias, float x)
    {
        var product = weight * x;
        return product + bias;
    }
}
