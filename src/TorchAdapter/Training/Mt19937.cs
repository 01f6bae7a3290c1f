using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// at::mt19937 as libtorch's CPUGeneratorImpl holds it, run here so an epoch's shuffle can be drawn word-exact without
/// a native call per word. <c>get_state()</c> is 5056 bytes, little endian: 0 u64 initial seed | 8 i32 left | 12 i32
/// seeded | 16 u64 next | 24 624 x u64 state words | normal-sampling caches; <see cref="WriteTo"/> changes only
/// <c>left</c>, <c>next</c> and the words. The twist and the tempering work on 8 words at a time (the twist's
/// recurrence reaches 227 and 397 words back, so 8 neighbours never depend on each other).
/// </summary>
public sealed class Mt19937
{
    const int N = 624, M = 397, LeftAt = 8, NextAt = 16, WordsAt = 24;
    public const int StateBytes = WordsAt + 8 * N;
    const uint MatrixA = 0x9908b0df, UpperMask = 0x80000000, LowerMask = 0x7fffffff;

    readonly uint[] words = new uint[N];

    /// <summary>
    /// at::mt19937's own bookkeeping: a draw first decrements <c>left</c> and twists when it reaches 0, then takes
    /// <c>words[next++]</c>; so <c>left - 1</c> words can be taken before the next twist.
    /// </summary>
    int left;
    int next;

    Mt19937()
    {
    }

    public static Mt19937 Read(ReadOnlySpan<byte> state)
    {
        if (state.Length < StateBytes) throw new ArgumentException($"an mt19937 state needs {StateBytes} bytes, not {state.Length}");
        var (left, next) = (BinaryPrimitives.ReadInt32LittleEndian(state[LeftAt..]), BinaryPrimitives.ReadUInt64LittleEndian(state[NextAt..]));
        if (left is < 1 or > N || next > (ulong)(N + 1 - left))
            throw new ArgumentException($"an mt19937 state with left {left} and next {next} would draw beyond its {N} words");
        var engine = new Mt19937 { left = left, next = (int)next };
        for (var i = 0; i < N; i++) engine.words[i] = (uint)BinaryPrimitives.ReadUInt64LittleEndian(state[(WordsAt + 8 * i)..]);
        return engine;
    }

    public void WriteTo(Span<byte> state)
    {
        BinaryPrimitives.WriteInt32LittleEndian(state[LeftAt..], left);
        BinaryPrimitives.WriteInt64LittleEndian(state[NextAt..], next);
        for (var i = 0; i < N; i++) BinaryPrimitives.WriteUInt64LittleEndian(state[(WordsAt + 8 * i)..], words[i]);
    }

    /// <summary>The next <c>destination.Length</c> tempered words, as that many calls of at::mt19937::operator() give them.</summary>
    public void Fill(Span<uint> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var take = Math.Min(TakeableBeforeTwist(), destination.Length - done);
            Temper(words.AsSpan(next, take), destination.Slice(done, take));
            (next, left, done) = (next + take, left - take, done + take);
        }
    }

    /// <summary>Advances by <paramref name="count"/> words, as if they had been drawn and thrown away (no tempering needed).</summary>
    public void Skip(long count)
    {
        while (count > 0)
        {
            var take = (int)Math.Min(TakeableBeforeTwist(), count);
            (next, left, count) = (next + take, left - take, count - take);
        }
    }

    /// <summary>Twists first when the block is used up, as the draw that finds <c>left</c> at 1 does.</summary>
    int TakeableBeforeTwist()
    {
        if (left > 1) return left - 1;
        Twist();
        // The twisting draw itself takes words[0] without decrementing left again: N words per block in all.
        (left, next) = (N + 1, 0);
        return N;
    }

    void Twist()
    {
        var p = 0;
        for (; p + 8 <= N - M; p += 8) Store(p, Load(p + M) ^ Mix(Load(p), Load(p + 1)));
        for (; p < N - M; p++) words[p] = words[p + M] ^ Mix(words[p], words[p + 1]);
        for (; p + 8 < N; p += 8) Store(p, Load(p + M - N) ^ Mix(Load(p), Load(p + 1)));
        for (; p < N - 1; p++) words[p] = words[p + M - N] ^ Mix(words[p], words[p + 1]);
        words[p] = words[p + M - N] ^ Mix(words[p], words[0]);
    }

    Vector256<uint> Load(int at) => Vector256.Create(words.AsSpan(at, 8));

    void Store(int at, Vector256<uint> value) => value.CopyTo(words.AsSpan(at, 8));

    static uint Mix(uint u, uint v) => (((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0);

    static Vector256<uint> Mix(Vector256<uint> u, Vector256<uint> v) =>
        Vector256.ShiftRightLogical((u & Vector256.Create(UpperMask)) | (v & Vector256.Create(LowerMask)), 1)
        ^ ((Vector256<uint>.Zero - (v & Vector256<uint>.One)) & Vector256.Create(MatrixA));

    static void Temper(ReadOnlySpan<uint> source, Span<uint> destination)
    {
        var i = 0;
        for (; i + 8 <= source.Length; i += 8) Temper(Vector256.Create(source.Slice(i, 8))).CopyTo(destination.Slice(i, 8));
        for (; i < source.Length; i++) destination[i] = Temper(source[i]);
    }

    static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }

    static Vector256<uint> Temper(Vector256<uint> y)
    {
        y ^= Vector256.ShiftRightLogical(y, 11);
        y ^= Vector256.ShiftLeft(y, 7) & Vector256.Create(0x9d2c5680u);
        y ^= Vector256.ShiftLeft(y, 15) & Vector256.Create(0xefc60000u);
        return y ^ Vector256.ShiftRightLogical(y, 18);
    }
}
