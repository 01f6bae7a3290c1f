using System.Buffers.Binary;
using LanguageExt;

namespace Functional.Formats;

/// <summary>Raw little-endian float32 storage bytes, bit-exact (NaN payloads and -0.0 survive); reading is StorageLayout.Gather.</summary>
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
}
