using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Tensors;
using Functional.Formats.Safetensors;
using Functional.Tests.Formats.Arbitraries;
using Xunit;

namespace Functional.Tests.Formats;

public sealed class SafetensorsProperties
{
    private static readonly Dictionary<string, string> Metadata = new() { ["format"] = "pt" };
    private static readonly StateDict Notebook = LinearLayerStateDict.With(0.7f, 0.3f);

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 200)]
    public Property Reading_what_was_written_gives_bit_identical_values(StateDict dict) =>
        SafetensorsFormat.Read(SafetensorsFormat.Write(dict, Metadata)).Match(
            Succ: loaded => StateDictBits.Same(dict, loaded.StateDict),
            Fail: error => false.Label($"read failed: {error.Message}"));

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 50)]
    public Property The_header_is_padded_to_eight_bytes(StateDict dict)
    {
        var headerLength = BitConverter.ToUInt64(SafetensorsFormat.Write(dict, Metadata), 0);
        return (headerLength % 8 == 0).Label($"header length {headerLength}");
    }

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_are_refused_without_throwing(byte[] bytes) =>
        SafetensorsFormat.Read(bytes).IsFail;

    [Fact]
    public void Every_truncation_of_a_valid_file_is_an_error()
    {
        var valid = SafetensorsFormat.Write(Notebook, Metadata);
        for (var length = 0; length < valid.Length; length++)
            Assert.True(SafetensorsFormat.Read(valid[..length]).IsFail, $"truncated to {length} bytes");
    }

    /// <summary>
    /// Safetensors has no checksum, so a flipped bit in a value or a key's name reads back as that changed value or key:
    /// all the format can promise is an error or the same keys and shapes with at most the one flipped bit changed.
    /// </summary>
    [Fact]
    public void Every_single_bit_flip_gives_an_error_or_the_same_state_dict_but_for_at_most_that_bit()
    {
        var valid = SafetensorsFormat.Write(Notebook, Metadata);
        for (var bit = 0; bit < valid.Length * 8; bit++)
        {
            var damaged = (byte[])valid.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var distance = SafetensorsFormat.Read(damaged).Match(
                loaded => StateDictBits.BitDistance(Notebook, loaded.StateDict).Map(d => d.ToString()).IfNone("a different structure"),
                _ => "0");
            Assert.True(distance is "0" or "1", $"bit {bit} flipped gave {distance} changed bits");
        }
    }

    [Property(MaxTest = 300)]
    public Property Random_damage_never_throws() =>
        Prop.ForAll(DamageArbitraries.ByteOverwrites(400), damage =>
        {
            _ = SafetensorsFormat.Read(DamageArbitraries.Apply(SafetensorsFormat.Write(Notebook, Metadata), damage));
            return true;
        });

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4, "does not match")]
    [InlineData("""{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", 4, "F16")]
    [InlineData("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}""", 8, "overlap")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "header describes 4")]
    [InlineData("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "twice")]
    public void Invalid_headers_are_refused_with_the_reason(string header, int dataLength, string reason)
    {
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header);
        var file = BitConverter.GetBytes((ulong)headerBytes.Length).Concat(headerBytes).Concat(new byte[dataLength]).ToArray();
        var error = SafetensorsFormat.Read(file).Match(_ => "loaded!", e => e.Message);
        Assert.Contains(reason, error);
    }
}
