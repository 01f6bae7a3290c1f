using System.Buffers.Binary;
using System.Text;

namespace Functional.Tests.Formats.Hostile;

/// <summary>A safetensors file around any header text and any data bytes, as a hostile file would be made by hand.</summary>
public static class HostileSafetensors
{
    public static byte[] File(string headerJson, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>One tensor entry's JSON: the shape and offsets are written as given, so they can be anything.</summary>
    public static string Entry(string key, string dtype, IEnumerable<string> shape, long begin, long end) =>
        $"\"{key}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{begin},{end}]}}";
}
