using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Functional.Domain.Tensors;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.Safetensors;

/// <summary>
/// The safetensors format: u64 little-endian header length N, N bytes of UTF-8 JSON (space-padded to a multiple of 8,
/// as the Hugging Face writer does), then the raw little-endian tensor bytes that the header's data_offsets index.
/// Tensors are laid out in state_dict order so reading preserves the order.
/// </summary>
public static class SafetensorsFormat
{
    private const string MetadataKey = "__metadata__";

    public static byte[] Write(StateDict dict, IReadOnlyDictionary<string, string> metadata)
    {
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            var offset = 0L;
            foreach (var entry in dict.Entries)
            {
                var length = entry.Value.ElementCount * sizeof(float);
                json.WriteStartObject(entry.Key);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in entry.Value.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }
            json.WriteEndObject();
        }
        var headerBytes = header.ToArray();
        var padded = (headerBytes.Length + 7) / 8 * 8;
        using var output = new MemoryStream();
        Span<byte> length8 = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length8, (ulong)padded);
        output.Write(length8);
        output.Write(headerBytes);
        output.Write(Enumerable.Repeat((byte)' ', padded - headerBytes.Length).ToArray());
        foreach (var entry in dict.Entries) output.Write(LittleEndianFloats.ToBytes(entry.Value.Data));
        return output.ToArray();
    }

    public static Fin<LoadedStateDict> Read(byte[] bytes) => SafetensorsReader.Read(bytes);
}
