using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using Functional.Tests.Formats.Arbitraries;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>Damaged input yields an Error or, when the damage hit bytes the reader ignores, the original values; never an exception.</summary>
public sealed class TorchSaveCorruptionProperties
{
    private static readonly StateDict Notebook = LinearLayerStateDict.With(0.7f, 0.3f);

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
            var difference = TorchSaveFormat.Read(damaged).Match(
                loaded => StateDictBits.FirstDifference(Notebook, loaded.StateDict).IfNone(""),
                _ => "");
            Assert.True(difference == "", $"bit {bit} flipped gave different values: {difference}");
        }
    }

    [Property(MaxTest = 300)]
    public Property Random_damage_to_a_valid_file_gives_an_error_or_the_original_values() =>
        Prop.ForAll(DamageArbitraries.ByteOverwrites(4000), damage =>
            TorchSaveFormat.Read(DamageArbitraries.Apply(TorchSaveFormat.Write(Notebook), damage)).Match(
                Succ: loaded => StateDictBits.Same(Notebook, loaded.StateDict),
                Fail: _ => true.ToProperty()));

    [Fact]
    public void Empty_input_is_refused() =>
        Assert.True(TorchSaveFormat.Read([]).IsFail);
}
