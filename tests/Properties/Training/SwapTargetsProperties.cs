using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.TorchAdapter.Training;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// PyTorch 1.13's shuffle sends swap i of n to <c>i + word % (n - i)</c> (aten/src/ATen/native/TensorFactories.cpp,
/// randperm_cpu); <see cref="Randperm113.SwapTargets"/> computes it four swaps at a time in double precision, which must
/// give that integer for every 32-bit word and every size a shuffle can have.
/// </summary>
public sealed class SwapTargetsProperties
{
    /// <summary>Words where a division is likeliest to go wrong: the ends of the range, around 2^31, and near multiples of the divisors.</summary>
    static Gen<uint> Word(int divisor) => Gen.OneOf(
        Gen.Choose(int.MinValue, int.MaxValue).Select(bits => unchecked((uint)bits)),
        Gen.Elements(0u, 1u, (1u << 31) - 1, 1u << 31, (1u << 31) + 1, uint.MaxValue - 1, uint.MaxValue),
        Gen.Choose(0, int.MaxValue).Select(multiple => (uint)(Math.Min(uint.MaxValue / (ulong)divisor, (ulong)multiple) * (ulong)divisor)),
        Gen.Choose(0, int.MaxValue).Select(multiple => (uint)Math.Max(0, (long)Math.Min(uint.MaxValue / (ulong)divisor, (ulong)multiple) * divisor - 1)));

    static Gen<int> Size => Gen.OneOf(
        Gen.Choose(2, 100),
        Gen.Choose(2, int.MaxValue),
        Gen.Elements(int.MaxValue, (1 << 30) + 1, 80_000_000, 4_294_967 * 2));

    static Gen<(int N, int Start, uint[] Words)> Runs =>
        from n in Size
        from start in Gen.Choose(0, n - 2)
        from length in Gen.Choose(1, Math.Min(41, n - 1 - start))
        from words in Word(n - start).ArrayOf(length)
        select (n, start, words);

    [Property(MaxTest = 3000)]
    public Property Every_target_is_the_position_plus_the_word_modulo_the_positions_left() =>
        Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var targets = new int[run.Words.Length];
            Randperm113.SwapTargets(run.Words, run.Start, run.N, targets);
            var expected = run.Words.Select((word, k) => (int)(run.Start + k + word % (uint)(run.N - run.Start - k))).ToArray();
            return targets.SequenceEqual(expected).Label($"n {run.N}, start {run.Start}, words [{string.Join(", ", run.Words)}]: " +
                $"[{string.Join(", ", targets)}] instead of [{string.Join(", ", expected)}]");
        });
}
