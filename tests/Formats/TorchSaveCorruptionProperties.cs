using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>Damaged input yields an Error or, when the damage hit bytes the reader ignores, the original values; never an exception.</summary>
public sealed class TorchSaveCorruptionProperties
{
    private static readonly StateDict Notebook = StateDicts.LinearRegression(0.7f, 0.3f);

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_are_refused_without_throwing(byte[] bytes) =>
        TorchSaveFormat.Read(bytes).IsFail;

    [Fact]
    public void Every_truncation_of_a_valid_file_is_an_error()
    {
        var valid = TorchSaveFormat.Write(Notebook);
        for (var length = 0; length < valid.Length; length++)
            Assert.True(TorchSaveFormat.Read(valid[..length]).IsFail, $"truncated to {length} bytes");
    }

    [Fact]
    public void Every_single_bit_flip_gives_an_error_or_the_original_values()
    {
        var valid = TorchSaveFormat.Write(Notebook);
        for (var bit = 0; bit < valid.Length * 8; bit++)
        {
            var damaged = (byte[])valid.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = TorchSaveFormat.Read(damaged);
            Assert.True(
                result.Match(loaded => StateDicts.BitIdentical(Notebook, loaded.StateDict), _ => true),
                $"bit {bit} flipped gave different values");
        }
    }

    [Property(MaxTest = 300)]
    public Property Random_damage_to_a_valid_file_never_throws() =>
        Prop.ForAll(
            Gen.Choose(0, 4000).Two().ArrayOf().ToArbitrary(),
            damage =>
            {
                var bytes = TorchSaveFormat.Write(Notebook);
                foreach (var (position, value) in damage) bytes[position % bytes.Length] = (byte)value;
                return TorchSaveFormat.Read(bytes).Match(l => StateDicts.BitIdentical(Notebook, l.StateDict), _ => true);
            });

    [Fact]
    public void Empty_input_is_refused() =>
        Assert.True(TorchSaveFormat.Read([]).IsFail);
}
