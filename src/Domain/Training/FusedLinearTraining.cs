using System.Globalization;
using Functional.Domain.Data;
using Functional.Domain.Tensors;
using LanguageExt;
using LanguageExt.Common;
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
    public const string ModelKey = "parameters";

    /// <summary>What the fused path can do; anything else trains through autograd.</summary>
    public static Option<string> Unsupported(TrainingConfig config, string modelKey) =>
        modelKey != ModelKey ? Some($"--fused supports only --model {ModelKey}, got '{modelKey}'")
        : config.Optimizer != OptimizerKind.Sgd ? Some("--fused supports only --optimizer sgd")
        : config.BatchSize.IsSome ? Some("--fused trains full batch; drop --batch-size")
        : None;

    public static IEnumerable<TrainingEvent> Epochs(DatasetSplit split, TrainingConfig config, StateDict initial)
    {
        var (trainX, trainY) = (split.Train.X.ToArray(), split.Train.Y.ToArray());
        var (testX, testY) = (split.Test.X.ToArray(), split.Test.Y.ToArray());
        var weight = initial.Find("weight").Map(v => v.Data.Head).IfNone(0f);
        var bias = initial.Find("bias").Map(v => v.Data.Head).IfNone(0f);
        var learningRate = (float)config.LearningRate;
        var log = new List<EpochLog>();

        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            var pass = Pass(trainX, trainY, weight, bias, config.Loss);
            if (!float.IsFinite(pass.Loss))
            {
                yield return new TrainingFailed(Error.New(
                    $"training stopped at epoch {epoch}: the training loss is not finite; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)})"));
                yield break;
            }
            weight -= learningRate * pass.WeightGradient;
            bias -= learningRate * pass.BiasGradient;
            var test = epoch % config.EvalEvery == 0 ? Some(Pass(testX, testY, weight, bias, config.Loss).Loss) : None;
            test.IfSome(t => log.Add(new EpochLog(epoch, pass.Loss, t)));
            yield return new EpochCompleted(epoch, config.Epochs, pass.Loss, test);
        }

        var final = new StateDict(Seq(
            new StateEntry("weight", ParameterValues.Of([weight], 1)),
            new StateEntry("bias", ParameterValues.Of([bias], 1))));
        var predictions = toSeq(testX.Select(x => Predict(weight, bias, x)).ToArray()).Strict();
        yield return new TrainingFinished(new TrainedModel(ModelKey, initial, final, toSeq(log).Strict(), predictions));
    }

    readonly record struct PassResult(float Loss, float WeightGradient, float BiasGradient);

    /// <summary>Loss and gradients in one pass; float32 per sample as PyTorch's kernels, double sums.</summary>
    static PassResult Pass(float[] xs, float[] ys, float weight, float bias, LossKind loss)
    {
        double lossSum = 0, weightSum = 0, biasSum = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            var residual = Predict(weight, bias, xs[i]) - ys[i];
            if (loss == LossKind.L1)
            {
                float sign = MathF.Sign(residual);
                lossSum += MathF.Abs(residual);
                weightSum += sign * xs[i];
                biasSum += sign;
            }
            else
            {
                lossSum += (double)residual * residual;
                weightSum += 2.0 * residual * xs[i];
                biasSum += 2.0 * residual;
            }
        }
        var n = (double)xs.Length;
        return new PassResult((float)(lossSum / n), (float)(weightSum / n), (float)(biasSum / n));
    }

    static float Predict(float weight, float bias, float x)
    {
        var product = weight * x;
        return product + bias;
    }
}
