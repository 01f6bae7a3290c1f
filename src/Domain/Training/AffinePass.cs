using System.Numerics;

namespace Functional.Domain.Training;

/// <summary>The mean loss and its gradients for <c>weight * x + bias</c> over a split, from one pass (<see cref="AffinePass"/>).</summary>
public readonly record struct AffinePassResult(float Loss, float WeightGradient, float BiasGradient);

/// <summary>
/// One pass over the data for <see cref="AffineGradientSteps"/>: L1: dL/dw = mean(sign(r) x), dL/db = mean(sign(r));
/// MSE: dL/dw = mean(2 r x), dL/db = mean(2 r), with r = w x + b - y, each residual in float32 as PyTorch computes it.
/// </summary>
public static class AffinePass
{
    readonly record struct Sums(double Loss, double Weight, double Bias)
    {
        public static Sums operator +(Sums first, Sums second) =>
            new(first.Loss + second.Loss, first.Weight + second.Weight, first.Bias + second.Bias);
    }

    /// <summary>
    /// Below this many samples a pass takes less than starting a second thread's share of it (about 0.1 ms at 2^18
    /// samples here), so both halves run on the calling thread.
    /// </summary>
    const int TwoCoresFrom = 1 << 18;

    public static bool OnTwoCores(int samples) => samples >= TwoCoresFrom && Environment.ProcessorCount > 1;

    /// <summary>
    /// Loss and gradients in one pass. The samples are always cut into the same two halves (the cut depends only on
    /// their count) and the halves' sums are added first half first, so whether the second half runs on another core
    /// (<paramref name="twoCores"/>) or after the first on this one, every bit of the result is the same.
    /// </summary>
    public static AffinePassResult Run(ReadOnlyMemory<float> xs, ReadOnlyMemory<float> ys, float weight, float bias, LossKind loss, bool twoCores)
    {
        var cut = xs.Length / 2 / Vector<float>.Count * Vector<float>.Count;
        Sums first, second;
        if (twoCores)
        {
            var secondHalf = Task.Run(() => HalfSums(xs[cut..].Span, ys[cut..].Span, weight, bias, loss));
            first = HalfSums(xs[..cut].Span, ys[..cut].Span, weight, bias, loss);
            second = secondHalf.Result;
        }
        else
        {
            first = HalfSums(xs[..cut].Span, ys[..cut].Span, weight, bias, loss);
            second = HalfSums(xs[cut..].Span, ys[cut..].Span, weight, bias, loss);
        }
        var sums = first + second;
        var n = (double)xs.Length;
        // PyTorch sums the loss terms in float32 before dividing: a sum beyond float32's range is infinite there, so here too.
        var meanLoss = sums.Loss > float.MaxValue ? float.PositiveInfinity : (float)(sums.Loss / n);
        return new AffinePassResult(meanLoss, (float)(sums.Weight / n), (float)(sums.Bias / n));
    }

    /// <summary>
    /// One half's sums: float32 per sample as PyTorch's kernels, double sums. SIMD lanes compute the same per-sample
    /// float32 values as the scalar tail; only the order of the double sums differs.
    /// </summary>
    static Sums HalfSums(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, float weight, float bias, LossKind loss)
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
        return new Sums(lossSum, weightSum, biasSum);
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

    /// <summary>w x + b in float32, rounded after the product as PyTorch's two kernels round it.</summary>
    public static float Predict(float weight, float bias, float x)
    {
        var product = weight * x;
        return product + bias;
    }
}
