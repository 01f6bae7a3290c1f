using System.Buffers.Binary;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// <c>torch.randperm(n, generator=g)</c> exactly as PyTorch 1.13 draws it on the CPU, and skipping what it draws.
/// 1.13 always swaps with <c>random() % (n - i)</c>, one 32-bit mt19937 word per swap; libtorch 2.x (TorchSharp
/// 0.107.0 ships 2.10) does the same below <see cref="NewAlgorithmThreshold"/> but switches to another shuffle above it.
/// So libtorch's own randperm is used below the threshold, and above it 1.13's shuffle is run here, on the generator's
/// own mt19937 state (<c>get_state</c>, advanced here, <c>set_state</c>). Hand-written because it must be word-exact.
/// </summary>
public static class Randperm113
{
    /// <summary><c>std::numeric_limits&lt;uint32_t&gt;::max() / 20</c>: from here on libtorch 2.x shuffles differently.</summary>
    public const long NewAlgorithmThreshold = uint.MaxValue / 20;

    /// <summary>
    /// A new int32 tensor holding 1.13's permutation of <c>0..n-1</c>; advances the generator by n - 1 words. int32, not
    /// PyTorch's int64: the same values (a split has fewer than 2^31 samples) in half the memory, 320 MB less at 10^8
    /// training samples; libtorch's shuffle draws the same words whatever the element type.
    /// </summary>
    public static Tensor Draw(int n, Generator generator) =>
        n < NewAlgorithmThreshold ? randperm(n, generator: generator, dtype: ScalarType.Int32) : Shuffled(n, generator);

    /// <summary>1.13's shuffle run here, for any n (<see cref="Draw"/> uses it from the threshold on).</summary>
    public static Tensor Shuffled(int n, Generator generator)
    {
        var values = new int[n];
        for (var i = 0; i < n; i++) values[i] = i;
        var engine = Mt19937.Of(generator);
        for (var i = 0; i < n - 1; i++)
        {
            var z = i + (int)(engine.Next() % (uint)(n - i));
            (values[i], values[z]) = (values[z], values[i]);
        }
        engine.SaveTo(generator);
        return frombuffer(values, ScalarType.Int32, n, 0, false); // shares the array's memory: no second copy of n indices
    }

    /// <summary>Advances the generator by <paramref name="words"/> 32-bit draws, as if they had been made and thrown away.</summary>
    public static void Skip(Generator generator, long words)
    {
        if (words <= 0) return;
        var engine = Mt19937.Of(generator);
        for (long i = 0; i < words; i++) engine.Next();
        engine.SaveTo(generator);
    }

    /// <summary>
    /// at::mt19937 as libtorch's CPUGeneratorImpl holds it. <c>get_state()</c> is 5056 bytes, little endian:
    /// 0 u64 initial seed | 8 i32 left | 12 i32 seeded | 16 u64 next | 24 624 x u64 state words | normal-sampling caches.
    /// </summary>
    sealed class Mt19937
    {
        const int N = 624, M = 397, LeftAt = 8, NextAt = 16, WordsAt = 24;
        const uint MatrixA = 0x9908b0df, UpperMask = 0x80000000, LowerMask = 0x7fffffff;

        readonly byte[] state;
        readonly uint[] words = new uint[N];
        int left;
        long next;

        Mt19937(byte[] state)
        {
            this.state = state;
            left = BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(LeftAt));
            next = BinaryPrimitives.ReadInt64LittleEndian(state.AsSpan(NextAt));
            for (var i = 0; i < N; i++) words[i] = (uint)BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(WordsAt + 8 * i));
        }

        public static Mt19937 Of(Generator generator)
        {
            using var state = generator.get_state();
            return new Mt19937(state.data<byte>().ToArray());
        }

        public void SaveTo(Generator generator)
        {
            BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(LeftAt), left);
            BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(NextAt), next);
            for (var i = 0; i < N; i++) BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(WordsAt + 8 * i), words[i]);
            using var bytes = tensor(state, dtype: ScalarType.Byte);
            generator.set_state(bytes);
        }

        /// <summary>at::mt19937::operator(): the next tempered word, twisting the state every 624 words.</summary>
        public uint Next()
        {
            if (--left == 0) Twist();
            var y = words[next++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >> 18;
            return y;
        }

        void Twist()
        {
            (left, next) = (N, 0);
            var p = 0;
            for (; p < N - M; p++) words[p] = words[p + M] ^ Mix(words[p], words[p + 1]);
            for (; p < N - 1; p++) words[p] = words[p + M - N] ^ Mix(words[p], words[p + 1]);
            words[p] = words[p + M - N] ^ Mix(words[p], words[0]);
        }

        static uint Mix(uint u, uint v) => (((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0);
    }
}
