using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Tensors;
using Functional.Formats.Safetensors;
using Xunit;

namespace Functional.Tests.Formats;

public sealed class SafetensorsProperties
{
    private static readonly Dictionary<string, string> Metadata = new() { ["format"] = "pt" };
    private static readonly StateDict Notebook = StateDicts.LinearRegression(0.7f, 0.3f);

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 200)]
    public bool Reading_what_was_written_gives_bit_identical_values(StateDict dict) =>
        SafetensorsFormat.Read(SafetensorsFormat.Write(dict, Metadata)).Match(
            Succ: loaded => StateDicts.BitIdentical(dict, loaded.StateDict),
            Fail: error => throw new Xunit.Sdk.XunitException(error.Message));

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 50)]
    public bool The_header_is_padded_to_eight_bytes(StateDict dict) =>
        BitConverter.ToUInt64(SafetensorsFormat.Write(dict, Metadata), 0) % 8 == 0;

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_are_refused_without_throwing(byte[] bytes) =>
        SafetensorsFormat.Read(bytes).IsFail;

    [Fact]
    public void Every_truncation_and_every_bit_flip_gives_an_error_or_the_original_values()
    {
        var valid = SafetensorsFormat.Write(Notebook, Metadata);
        for (var length = 0; length < valid.Length; length++)
            Assert.True(SafetensorsFormat.Read(valid[..length]).IsFail, $"truncated to {length} bytes");
        for (var bit = 0; bit < valid.Length * 8; bit++)
        {
            var damaged = (byte[])valid.Clone();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            // Safetensors has no checksum: a flipped data bit changes a value, which is all the format can promise.
            _ = SafetensorsFormat.Read(damaged);
        }
    }

    [Property(MaxTest = 300)]
    public Property Random_damage_never_throws() =>
        Prop.ForAll(
            Gen.Choose(0, 400).Two().ArrayOf().ToArbitrary(),
            damage =>
            {
                var bytes = SafetensorsFormat.Write(Notebook, Metadata);
                foreach (var (position, value) in damage) bytes[position % bytes.Length] = (byte)value;
                _ = SafetensorsFormat.Read(bytes);
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
