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
    internal readonly record struct Sums(double Loss, double Weight, double Bias)
    {
        public static Sums operator +(Sums first, Sums second) =>
            new(first.Loss + second.Loss, first.Weight + second.Weight, first.Bias + second.Bias);
    }

    /// <summary>
    /// Below this many samples a pass takes less than handing part of it to another thread, so it runs on the calling
    /// thread alone.
    /// </summary>
    const int TwoCoresFrom = 1 << 18;

    /// <summary>The fixed number of pieces a pass is cut into, whatever the number of threads that sum them.</summary>
    const int Pieces = 8;

    public static bool OnTwoCores(int samples) => samples >= TwoCoresFrom && Environment.ProcessorCount > 1;

    /// <summary>
    /// Loss and gradients in one pass. The samples are always cut into the same <see cref="Pieces"/> pieces (the cuts
    /// depend only on their count) and the pieces' sums are added in piece order, so whether a second core takes some
    /// of the pieces (<paramref name="helper"/>) or this thread sums them all, every bit of the result is the same.
    /// </summary>
    public static AffinePassResult Run(ReadOnlyMemory<float> xs, ReadOnlyMemory<float> ys, float weight, float bias, LossKind loss, PassHelper? helper) =>
        Result(new PiecewisePass(xs, ys, null, weight, bias, loss), helper, new Scratch(0), xs.Length);

    /// <summary>
    /// The same pass over the samples <paramref name="indices"/> names, as if they had first been gathered into one batch:
    /// each piece gathers its own samples into the scratch of the thread that takes it, so the second core shares the
    /// gathering (random reads, most of a shuffled epoch) and not only the arithmetic. Within a piece the samples are
    /// summed in the order <see cref="SampleGather"/> reads them, a fixed function of the piece's indices.
    /// </summary>
    public static AffinePassResult RunGathered(ReadOnlyMemory<int> indices, ReadOnlyMemory<float> allX, ReadOnlyMemory<float> allY, float weight, float bias,
        LossKind loss, PassHelper? helper, Scratch scratch) =>
        Result(new PiecewisePass(allX, allY, indices, weight, bias, loss), helper, scratch, indices.Length);

    static AffinePassResult Result(PiecewisePass pass, PassHelper? helper, Scratch scratch, int count)
    {
        helper?.Offer(pass);
        var sums = pass.SumAll(scratch);
        var n = (double)count;
        // PyTorch sums the loss terms in float32 before dividing: a sum beyond float32's range is infinite there, so here too.
        var meanLoss = sums.Loss > float.MaxValue ? float.PositiveInfinity : (float)(sums.Loss / n);
        return new AffinePassResult(meanLoss, (float)(sums.Weight / n), (float)(sums.Bias / n));
    }

    /// <summary>
    /// One pass's pieces, claimed one at a time by whichever thread asks next. On this shared 2-core machine the other
    /// thread can start late or be preempted halfway through a piece, and waiting for it made the pass slower than on
    /// one core; so the calling thread never waits: once no piece is left to claim, it sums itself every piece the helper
    /// has not finished (the same function of the same samples, so the same bits) and leaves the helper to finish in vain.
    /// </summary>
    internal sealed class PiecewisePass(ReadOnlyMemory<float> xs, ReadOnlyMemory<float> ys, ReadOnlyMemory<int>? indices, float weight, float bias, LossKind loss)
    {
        readonly int count = indices?.Length ?? xs.Length;

        const int Free = 0, Helping = 1, Helped = 2;
        readonly Sums[] helped = new Sums[Pieces];
        readonly int[] states = new int[Pieces];
        int claimed;

        /// <summary>The helper's part: pieces while any are left, each published once its sums are written.</summary>
        public void HelpWithPieces(Scratch scratch)
        {
            int piece;
            while ((piece = Interlocked.Increment(ref claimed) - 1) < Pieces)
            {
                Volatile.Write(ref states[piece], Helping);
                helped[piece] = Sum(piece, scratch);
                Volatile.Write(ref states[piece], Helped);
            }
        }

        /// <summary>The calling thread's part, then the total in piece order.</summary>
        public Sums SumAll(Scratch scratch)
        {
            var own = new Sums[Pieces];
            var mine = new bool[Pieces];
            int piece;
            while ((piece = Interlocked.Increment(ref claimed) - 1) < Pieces)
            {
                own[piece] = Sum(piece, scratch);
                mine[piece] = true;
            }
            var total = default(Sums);
            for (piece = 0; piece < Pieces; piece++)
                total += mine[piece] ? own[piece]
                    : Volatile.Read(ref states[piece]) == Helped ? helped[piece]
                    : Sum(piece, scratch);
            return total;
        }

        Sums Sum(int piece, Scratch scratch)
        {
            var (start, end) = (Cut(piece), Cut(piece + 1));
            if (indices is not { } order) return PieceSums(xs.Span[start..end], ys.Span[start..end], weight, bias, loss);
            var (gatheredX, gatheredY, byRegion) = scratch.For(end - start);
            SampleGather.Gather(order.Span[start..end], xs.Span, ys.Span, gatheredX, gatheredY, byRegion);
            return PieceSums(gatheredX.AsSpan(0, end - start), gatheredY.AsSpan(0, end - start), weight, bias, loss);
        }

        /// <summary>Where piece <paramref name="piece"/> starts: a multiple of the SIMD width, the last piece taking the rest.</summary>
        int Cut(int piece) => piece == Pieces ? count : count / Pieces / Vector<float>.Count * Vector<float>.Count * piece;
    }

    /// <summary>
    /// A thread's own buffers for the samples of the pieces it gathers: each thread writes only its own, so a piece the
    /// helper is still gathering when the caller has moved on can never overwrite what the caller reads.
    /// </summary>
    public sealed class Scratch(int samples)
    {
        float[] xs = new float[samples], ys = new float[samples];
        int[] byRegion = new int[samples];

        internal (float[] X, float[] Y, int[] ByRegion) For(int samples)
        {
            if (xs.Length < samples) (xs, ys, byRegion) = (new float[samples], new float[samples], new int[samples]);
            return (xs, ys, byRegion);
        }
    }

    /// <summary>
    /// One piece's sums: float32 per sample as PyTorch's kernels, double sums. SIMD lanes compute the same per-sample
    /// float32 values as the scalar tail; only the order of the double sums differs.
    /// </summary>
    static Sums PieceSums(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, float weight, float bias, LossKind loss)
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

/// <summary>
/// The second core's thread for <see cref="AffinePass"/>, owned by the steps that use it (disposing ends it). A thread of
/// its own that sleeps on an event between passes, not the thread pool: pool threads spin for a while looking for more
/// work, and on a machine whose cores are all busy that spinning took the calling thread's time (a pass at n = 10^7
/// took twice as long as on one core).
/// </summary>
public sealed class PassHelper : IDisposable
{
    readonly AutoResetEvent wake = new(false);
    readonly Thread thread;
    AffinePass.PiecewisePass? offered;
    readonly AffinePass.Scratch scratch = new(0);
    volatile bool stopping;

    public PassHelper()
    {
        thread = new Thread(HelpUntilDisposed) { IsBackground = true, Name = "fused pass helper" };
        thread.Start();
    }

    internal void Offer(AffinePass.PiecewisePass pass)
    {
        Volatile.Write(ref offered, pass);
        wake.Set();
    }

    void HelpUntilDisposed()
    {
        while (true)
        {
            wake.WaitOne();
            if (stopping) return;
            Interlocked.Exchange(ref offered, null)?.HelpWithPieces(scratch);
        }
    }

    public void Dispose()
    {
        stopping = true;
        wake.Set();
        thread.Join();
        wake.Dispose();
    }
}
