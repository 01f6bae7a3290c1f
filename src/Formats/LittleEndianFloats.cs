using System.Buffers.Binary;
using LanguageExt;

namespace Functional.Formats;

/// <summary>Raw little-endian float32/float64 storage bytes, bit-exact (NaN payloads and -0.0 survive).</summary>
internal static class LittleEndianFloats
{
    public static byte[] ToBytes(Seq<float> values)
    {
        var bytes = new byte[values.Count * sizeof(float)];
        var offset = 0;
        foreach (var v in values)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), BitConverter.SingleToInt32Bits(v));
            offset += sizeof(float);
        }
        return bytes;
    }

    public static float Float32At(ReadOnlySpan<byte> bytes, long index) =>
        BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(bytes[(int)(index * sizeof(float))..]));

    public static double Float64At(ReadOnlySpan<byte> bytes, long index) =>
        BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes[(int)(index * sizeof(double))..]));
}
