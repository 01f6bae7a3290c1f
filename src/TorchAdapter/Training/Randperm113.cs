using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// <c>torch.randperm(n, generator=g)</c> exactly as PyTorch 1.13 draws it on the CPU: Fisher-Yates swapping position i
/// with <c>i + random() % (n - i)</c>, one 32-bit mt19937 word per swap. libtorch 2.x (TorchSharp 0.107.0 ships 2.10)
/// does the same below <see cref="NewAlgorithmThreshold"/> but switches to another shuffle above it, and its loop reads
/// one word at a time through the generator; so the shuffle runs here, on the generator's own mt19937 state.
/// Hand-written because it must be word-exact.
/// </summary>
public static class Randperm113
{
    /// <summary><c>std::numeric_limits&lt;uint32_t&gt;::max() / 20</c>: from here on libtorch 2.x shuffles differently.</summary>
    public const long NewAlgorithmThreshold = uint.MaxValue / 20;

    /// <summary>Swaps are made in runs of this many, their words drawn and their targets computed first.</summary>
    const int Run = 4096;

    /// <summary>How many swaps ahead a target's cache line is requested: a shuffle of 10^8 is one cache miss per swap.</summary>
    const int Lookahead = 24;

    /// <summary>
    /// Fills <paramref name="values"/> with 1.13's permutation of <c>0..n-1</c>, drawing n - 1 words from
    /// <paramref name="engine"/>. Fisher-Yates never touches a position again once it has passed it, so the permutation
    /// is final front to back: <paramref name="final"/> hears, now and then, how long a prefix is final.
    /// </summary>
    public static unsafe void Shuffle(Span<int> values, Mt19937 engine, Action<int>? final = null)
    {
        var n = values.Length;
        for (var i = 0; i < n; i++) values[i] = i;
        Span<uint> words = stackalloc uint[Run];
        Span<int> targets = stackalloc int[Run];
        fixed (int* permutation = values)
        {
            for (var start = 0; start < n - 1; start += Run)
            {
                var length = Math.Min(Run, n - 1 - start);
                engine.Fill(words[..length]);
                SwapTargets(words[..length], start, n, targets);
                for (var k = 0; k < length; k++)
                {
                    if (Sse.IsSupported && k + Lookahead < length) Sse.Prefetch0(permutation + targets[k + Lookahead]);
                    var (i, z) = (start + k, targets[k]);
                    (permutation[i], permutation[z]) = (permutation[z], permutation[i]);
                }
                if (final is not null && (start / Run) % 64 == 63) final(start + length);
            }
        }
        final?.Invoke(n);
    }

    /// <summary>
    /// Where swaps <paramref name="start"/> .. <paramref name="start"/> + words.Length - 1 of a shuffle of
    /// <paramref name="n"/> send their position: <c>i + words[k] % (n - i)</c> with i = start + k, as 1.13's loop computes
    /// it. Four at a time in double precision where AVX2 is there, in place of an integer division a swap (an order of
    /// 2 * 10^6, which fits in the caches, was drawn in 13.2-14.5 ms instead of 15.7-16.1): a word below 2^32 over a
    /// divisor d is never within one unit in the last place of the next integer up (its distance is at least 1/d, its unit
    /// below 2^-20/d), so the rounded quotient's floor is the exact quotient, and the remainder, below 2^32, is exact too.
    /// </summary>
    public static void SwapTargets(ReadOnlySpan<uint> words, int start, int n, Span<int> targets)
    {
        var k = 0;
        if (Avx2.IsSupported)
        {
            var (twoTo32, steps) = (Vector256.Create(4294967296.0), Vector256.Create(0.0, 1.0, 2.0, 3.0));
            for (; k + 4 <= words.Length; k += 4)
            {
                // Converted as signed, so the words from 2^31 up come out 2^32 too low.
                var signed = Avx.ConvertToVector256Double(Vector128.Create(words.Slice(k, 4)).AsInt32());
                var word = signed + (Avx.CompareLessThan(signed, Vector256<double>.Zero) & twoTo32);
                var divisor = Vector256.Create((double)(n - start - k)) - steps;
                var remainder = word - Avx.RoundToNegativeInfinity(word / divisor) * divisor;
                var position = Vector256.Create((double)(start + k)) + steps;
                Avx.ConvertToVector128Int32WithTruncation(position + remainder).CopyTo(targets.Slice(k, 4));
            }
        }
        for (; k < words.Length; k++) targets[k] = start + k + (int)(words[k] % (uint)(n - start - k));
    }

    /// <summary>A new int32 tensor holding 1.13's permutation of <c>0..n-1</c>; advances the generator by n - 1 words.</summary>
    public static Tensor Shuffled(int n, Generator generator)
    {
        var values = new int[n];
        var state = StateOf(generator);
        var engine = Mt19937.Read(state);
        Shuffle(values, engine);
        SetState(generator, engine, state);
        return frombuffer(values, ScalarType.Int32, n, 0, false); // shares the array's memory: no second copy of n indices
    }

    /// <summary>Advances the generator by <paramref name="words"/> 32-bit draws, as if they had been made and thrown away.</summary>
    public static void Skip(Generator generator, long words)
    {
        if (words <= 0) return;
        var state = StateOf(generator);
        var engine = Mt19937.Read(state);
        engine.Skip(words);
        SetState(generator, engine, state);
    }

    public static byte[] StateOf(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }

    static void SetState(Generator generator, Mt19937 engine, byte[] state)
    {
        engine.WriteTo(state);
        using var bytes = tensor(state, dtype: ScalarType.Byte);
        generator.set_state(bytes);
    }
}
