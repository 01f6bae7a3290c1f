using System.Globalization;
using System.Numerics;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// The notebook's model (<c>weight * x + bias</c>) trained with analytic gradients in one pass over the data per epoch,
/// instead of autograd's graph of n-sized temporaries. L1: dL/dw = mean(sign(r) x), dL/db = mean(sign(r)); MSE:
/// dL/dw = mean(2 r x), dL/db = mean(2 r), with r = w x + b - y; then the plain SGD step. Each residual is computed in
/// float32 exactly as PyTorch computes it; sums are accumulated in double, so results agree with autograd to float
/// rounding (autograd sums in float, in another order), not bit for bit.
/// </summary>
public static class FusedLinearTraining
{
    public static IEnumerable<TrainingEvent> Epochs(DatasetSplit split, TrainingConfig config, string modelKey, AffineForm form, StateDict initial)
    {
        var (train, tests) = (split.Train, split.Test);
        var weight = initial.Find(form.WeightKey).Map(v => v.Data.Head).IfNone(0f);
        var bias = initial.Find(form.BiasKey).Map(v => v.Data.Head).IfNone(0f);
        var learningRate = (float)config.LearningRate;
        var log = new List<EpochLog>();

        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var pass = Pass(train.X.Span, train.Y.Span, weight, bias, config.Loss);
            if (!float.IsFinite(pass.Loss))
            {
                yield return new TrainingFailed(Error.New(
                    $"training stopped at epoch {epoch}: the training loss is not finite; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)})"));
                yield break;
            }
            weight -= learningRate * pass.WeightGradient;
            bias -= learningRate * pass.BiasGradient;
            var test = epoch % config.EvalEvery == 0 ? Some(Pass(tests.X.Span, tests.Y.Span, weight, bias, config.Loss).Loss) : None;
            test.IfSome(t => log.Add(new EpochLog(epoch, pass.Loss, t)));
            yield return new EpochCompleted(epoch, config.Epochs, pass.Loss, test);
        }

        var final = new StateDict(Seq(
            new StateEntry(form.WeightKey, ParameterValues.Of([weight], 1)),
            new StateEntry(form.BiasKey, ParameterValues.Of([bias], 1))));
        var predictions = new float[tests.Count];
        for (var i = 0; i < predictions.Length; i++) predictions[i] = Predict(weight, bias, tests.X[i]);
        yield return new TrainingFinished(new TrainedModel(modelKey, initial, final, toSeq(log).Strict(), Floats.Of(predictions)));
    }

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
        return new PassResult((float)(lossSum / n), (float)(weightSum / n), (float)(biasSum / n));
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
