using System.Buffers.Binary;
using System.Text.Json;
using System.Text;
using System.Globalization;
using Functional.Domain.Text;
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

    private sealed record TensorHeader(string Key, string DType, long[] Shape, long Begin, long End);

    public static bool HasPlausibleHeader(byte[] bytes) =>
        bytes.Length >= 10
        && BinaryPrimitives.ReadUInt64LittleEndian(bytes) is var n && n >= 2 && n <= MaxHeaderLength && n <= (ulong)bytes.Length - 8
        && bytes[8] == (byte)'{';

    public static Fin<LoadedStateDict> Read(byte[] bytes)
    {
        if (!HasPlausibleHeader(bytes)) return Error.New("not a safetensors file: the header length is missing or out of range");
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > FormatLimits.MaxSafetensorsHeaderBytes)
            return Error.New($"the safetensors header is {headerLength.ToString("N0", CultureInfo.InvariantCulture)} bytes; headers of up to " +
                             $"{FormatLimits.MaxSafetensorsHeaderBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes are read (see Limits in the README)");
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
            if (document.RootElement.EnumerateObject().Count() > FormatLimits.MaxTensors + 1)
                return Error.New($"the safetensors header lists more than {FormatLimits.MaxTensors.ToString("N0", CultureInfo.InvariantCulture)} tensors (see Limits in the README)");
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<TensorHeader>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name)) return Error.New($"safetensors header names '{Echo.Text(property.Name)}' twice");
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
        Error Bad(string what) => Error.New($"safetensors entry '{Echo.Text(key)}': {what}");
        if (value.ValueKind != JsonValueKind.Object) return Bad("is not an object");
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String) return Bad("has no dtype");
        if (!value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array) return Bad("has no shape of non-negative integers");
        // The dimension count is checked before the shape is read: a header can list 100,000 dimensions.
        if (shape.GetArrayLength() > FormatLimits.MaxDimensions)
            return Bad($"has {shape.GetArrayLength().ToString(CultureInfo.InvariantCulture)} dimensions; at most {FormatLimits.MaxDimensions} are supported");
        if (!IsIntArray(shape)) return Bad("has no shape of non-negative integers");
        if (!value.TryGetProperty("data_offsets", out var offsets) || !IsIntArray(offsets) || offsets.GetArrayLength() != 2)
            return Bad("has no data_offsets [begin, end]");
        var begin = offsets[0].GetInt64();
        var end = offsets[1].GetInt64();
        if (end < begin) return Bad("data_offsets end before they begin");
        return new TensorHeader(key, dtype.GetString() ?? "", shape.EnumerateArray().Select(d => d.GetInt64()).ToArray(), begin, end);
    }

    private static bool IsIntArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
        && element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= 0);

    /// <summary>
    /// The tensors must tile the data exactly, in some order, and each one's shape must account for its bytes. Shapes are
    /// counted against the file's element budget (the product stops at the budget, so 18 dimensions that multiply to
    /// 2^128 + 1 cannot wrap around to 1).
    /// </summary>
    private static Fin<Seq<TensorHeader>> CheckLayout(Seq<TensorHeader> tensors, long dataLength)
    {
        var budget = new ElementBudget(dataLength);
        var expectedBegin = 0L;
        foreach (var tensor in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            var key = Echo.Text(tensor.Key);
            if (tensor.Begin != expectedBegin)
                return Error.New($"safetensors entry '{key}' starts at byte {tensor.Begin}, but the data before it ends at {expectedBegin} (gap or overlap)");
            var elementSize = ElementSize(tensor.DType);
            if (elementSize.Case is Error unsupported) return Error.New($"safetensors entry '{key}': {unsupported.Message}");
            var count = budget.Take(tensor.Shape);
            if (count.Case is Error tooLarge) return Error.New($"safetensors entry '{key}': {tooLarge.Message}");
            if ((Int128)(long)count.Case * (int)elementSize.Case != (Int128)tensor.End - tensor.Begin)
                return Error.New($"safetensors entry '{key}': shape {Echo.Shape(tensor.Shape)} does not match its {tensor.End - tensor.Begin} bytes");
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
        _ => Error.New($"dtype {Echo.Text(dtype)} is not supported; only F32 and F64 tensors can be read"),
    };

    private static Fin<LoadedStateDict> Materialize(Seq<TensorHeader> tensors, ReadOnlyMemory<byte> data)
    {
        var entries = tensors.Map(t =>
        {
            var float64 = t.DType == "F64";
            var count = (t.End - t.Begin) / (float64 ? sizeof(double) : sizeof(float));
            // An empty tensor may have huge other dimensions, whose strides would not fit in 64 bits: it needs none.
            var values = count == 0
                ? []
                : StorageLayout.Gather(new StridedLayout(t.Shape, ContiguousStrides(t.Shape), 0, count), data.Span[(int)t.Begin..(int)t.End], float64);
            return new StateEntry(t.Key, new ParameterValues(toSeq(t.Shape).Strict(), toSeq(values).Strict()));
        }).Strict();
        var notes = tensors.Filter(t => t.DType == "F64").Map(t => $"{t.Key}: float64 values were converted to float32").Strict();
        return new LoadedStateDict(new StateDict(entries), notes);
    }

    private static long[] ContiguousStrides(long[] shape) => StorageLayout.ContiguousStrides(toSeq(shape)).ToArray();
}
