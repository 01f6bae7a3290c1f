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
                for (var k = 0; k < length; k++) targets[k] = start + k + (int)(words[k] % (uint)(n - start - k));
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
