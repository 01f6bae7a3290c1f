using System.Buffers.Binary;
using System.Text;
using Functional.Formats.Pickle;
using Functional.Formats.Zip;

namespace Functional.Tests.Formats.Hostile;

/// <summary>
/// Writes torch.save archives around state_dict pickles with arbitrary tensor layouts, the way a hostile file would be
/// made by hand (PyTorch itself never writes most of them). Integers always go as LONG1 with eight bytes, so any
/// 64-bit value, negative or huge, survives.
/// </summary>
public static class HostilePickle
{
    public static byte[] Archive(IReadOnlyList<HostileTensor> tensors, IReadOnlyDictionary<string, byte[]> storages, string folder = "archive") =>
        PyTorchZipWriter.Write(
            new[] { new ZipEntryContent($"{folder}/data.pkl", Pickle(tensors)) }
                .Concat(storages.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ZipEntryContent($"{folder}/data/{s.Key}", s.Value)))
                .Append(new ZipEntryContent($"{folder}/version", "3\n"u8.ToArray()))
                .ToList());

    public static byte[] Pickle(IReadOnlyList<HostileTensor> tensors)
    {
        var output = new MemoryStream();
        output.Write([PickleOpcodes.Proto, 2]);
        OrderedDict(output);
        output.WriteByte(PickleOpcodes.Mark);
        foreach (var tensor in tensors)
        {
            String(output, tensor.Key);
            Global(output, "torch._utils", "_rebuild_tensor_v2");
            output.WriteByte(PickleOpcodes.Mark);
            output.WriteByte(PickleOpcodes.Mark);
            String(output, "storage");
            Global(output, "torch", tensor.Float64 ? "DoubleStorage" : "FloatStorage");
            String(output, tensor.StorageKey);
            String(output, "cpu");
            Int(output, tensor.DeclaredElements);
            output.WriteByte(PickleOpcodes.Tuple);
            output.WriteByte(PickleOpcodes.BinPersId);
            Int(output, tensor.Offset);
            IntTuple(output, tensor.Shape);
            IntTuple(output, tensor.Strides);
            output.WriteByte(PickleOpcodes.NewFalse);
            OrderedDict(output);
            output.WriteByte(PickleOpcodes.Tuple);
            output.WriteByte(PickleOpcodes.Reduce);
        }
        output.WriteByte(PickleOpcodes.SetItems);
        output.WriteByte(PickleOpcodes.Stop);
        return output.ToArray();
    }

    /// <summary>Raw float32 storage bytes of <paramref name="count"/> elements: 0.5, 1.5, 2.5, ...</summary>
    public static byte[] Float32Storage(long count)
    {
        var bytes = new byte[count * 4];
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), i + 0.5f);
        return bytes;
    }

    private static void OrderedDict(MemoryStream output)
    {
        Global(output, "collections", "OrderedDict");
        output.WriteByte(PickleOpcodes.EmptyTuple);
        output.WriteByte(PickleOpcodes.Reduce);
    }

    private static void IntTuple(MemoryStream output, long[] values)
    {
        output.WriteByte(PickleOpcodes.Mark);
        foreach (var value in values) Int(output, value);
        output.WriteByte(PickleOpcodes.Tuple);
    }

    private static void Global(MemoryStream output, string module, string name)
    {
        output.WriteByte(PickleOpcodes.Global);
        output.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private static void String(MemoryStream output, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        output.WriteByte(PickleOpcodes.BinUnicode);
        output.Write(length);
        output.Write(utf8);
    }

    private static void Int(MemoryStream output, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        output.Write([PickleOpcodes.Long1, 8]);
        output.Write(bytes);
    }
}
