using System.Buffers.Binary;
using System.Text.Json;
using System.Text;
using Functional.Domain.Tensors;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Formats.Safetensors;

/// <summary>Reads and fully validates a safetensors file: header bounds, JSON shape, dtypes, and that data_offsets tile the data exactly.</summary>
internal static class SafetensorsReader
{
    /// <summary>The Hugging Face reader's own limit; a bigger header means a damaged or hostile file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private sealed record TensorHeader(string Key, string DType, Seq<long> Shape, long Begin, long End);

    public static bool HasPlausibleHeader(byte[] bytes) =>
        bytes.Length >= 10
        && BinaryPrimitives.ReadUInt64LittleEndian(bytes) is var n && n >= 2 && n <= MaxHeaderLength && n <= (ulong)bytes.Length - 8
        && bytes[8] == (byte)'{';

    public static Fin<LoadedStateDict> Read(byte[] bytes)
    {
        if (!HasPlausibleHeader(bytes)) return Error.New("not a safetensors file: the header length is missing or out of range");
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = bytes.AsSpan(8, headerLength);
        if (!System.Text.Unicode.Utf8.IsValid(header)) return Error.New("safetensors header is not valid UTF-8");
        var dataStart = 8 + headerLength;
        return ParseHeader(header.ToArray())
            .Bind(tensors => CheckLayout(tensors, bytes.LongLength - dataStart))
            .Bind(tensors => Materialize(tensors, bytes.AsMemory(dataStart)));
    }

    private static Fin<Seq<TensorHeader>> ParseHeader(byte[] header)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return Error.New($"safetensors header is not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return Error.New("safetensors header is not a JSON object");
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<TensorHeader>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) return Error.New($"safetensors header names '{property.Name}' twice");
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object || property.Value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                        return Error.New("safetensors __metadata__ must map strings to strings");
                    continue;
                }
                var tensor = ParseTensor(property.Name, property.Value);
                if (tensor.Case is Error error) return error;
                tensors.Add((TensorHeader)tensor.Case);
            }
            return tensors.ToSeq().Strict();
        }
    }

    private static Fin<TensorHeader> ParseTensor(string key, JsonElement value)
    {
        Error Bad(string what) => Error.New($"safetensors entry '{key}': {what}");
        if (value.ValueKind != JsonValueKind.Object) return Bad("is not an object");
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String) return Bad("has no dtype");
        if (!value.TryGetProperty("shape", out var shape) || !IsIntArray(shape)) return Bad("has no shape of non-negative integers");
        if (!value.TryGetProperty("data_offsets", out var offsets) || !IsIntArray(offsets) || offsets.GetArrayLength() != 2)
            return Bad("has no data_offsets [begin, end]");
        var begin = offsets[0].GetInt64();
        var end = offsets[1].GetInt64();
        if (end < begin) return Bad("data_offsets end before they begin");
        return new TensorHeader(key, dtype.GetString() ?? "", shape.EnumerateArray().Select(d => d.GetInt64()).ToSeq().Strict(), begin, end);
    }

    private static bool IsIntArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
        && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= 0);

    private static Fin<Seq<TensorHeader>> CheckLayout(Seq<TensorHeader> tensors, long dataLength)
    {
        var expectedBegin = 0L;
        foreach (var tensor in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (tensor.Begin != expectedBegin)
                return Error.New($"safetensors entry '{tensor.Key}' starts at byte {tensor.Begin}, but the data before it ends at {expectedBegin} (gap or overlap)");
            var elementSize = ElementSize(tensor.DType);
            if (elementSize.Case is Error unsupported) return Error.New($"safetensors entry '{tensor.Key}': {unsupported.Message}");
            var count = tensor.Shape.Fold((Int128)1, (n, d) => n * d);
            if (count > StorageLayout.MaxElements || count * (int)elementSize.Case != tensor.End - tensor.Begin)
                return Error.New($"safetensors entry '{tensor.Key}': shape [{string.Join(", ", tensor.Shape)}] does not match its {tensor.End - tensor.Begin} bytes");
            expectedBegin = tensor.End;
        }
        return expectedBegin == dataLength
            ? tensors
            : Error.New($"safetensors data is {dataLength} bytes but the header describes {expectedBegin}");
    }

    private static Fin<int> ElementSize(string dtype) => dtype switch
    {
        "F32" => 4,
        "F64" => 8,
        _ => Error.New($"dtype {dtype} is not supported; only F32 and F64 tensors can be read"),
    };

    private static Fin<LoadedStateDict> Materialize(Seq<TensorHeader> tensors, ReadOnlyMemory<byte> data)
    {
        var entries = tensors.Map(t =>
        {
            var bytes = data.Span[(int)t.Begin..(int)t.End];
            var count = (t.End - t.Begin) / (t.DType == "F32" ? 4 : 8);
            var values = new float[count];
            for (var i = 0L; i < count; i++)
                values[i] = t.DType == "F32" ? LittleEndianFloats.Float32At(bytes, i) : (float)LittleEndianFloats.Float64At(bytes, i);
            return new StateEntry(t.Key, new ParameterValues(t.Shape, toSeq(values).Strict()));
        }).Strict();
        var notes = tensors.Filter(t => t.DType == "F64").Map(t => $"{t.Key}: float64 values were converted to float32").Strict();
        return new LoadedStateDict(new StateDict(entries), notes);
    }
}
