using System.Buffers.Binary;
using System.Text;
using Functional.Domain.Tensors;
using Functional.Formats;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>
/// Emits the exact pickle (protocol 2) that CPython's pickler produces for <c>torch.save(module.state_dict())</c>,
/// including its memo numbering: Python memoizes by object identity, so only the objects PyTorch shares
/// (globals, the literals 'storage', 'cpu', 'version') are fetched back with BINGET; every other string or tuple is new.
/// </summary>
internal sealed class StateDictPickler
{
    private const int PythonSetItemsBatchSize = 1000;

    private readonly MemoryStream output = new();
    private readonly Dictionary<string, int> sharedObjects = new();
    private int nextMemoIndex;

    public static byte[] Pickle(StateDict dict, Func<int, string> storageKeyOf)
    {
        var pickler = new StateDictPickler();
        pickler.WriteStateDict(dict, storageKeyOf);
        return pickler.output.ToArray();
    }

    private void WriteStateDict(StateDict dict, Func<int, string> storageKeyOf)
    {
        output.Write([PickleOpcodes.Proto, 2]);
        WriteNewOrderedDict();
        var tensors = dict.Entries.Select((entry, index) => (Action)(() =>
        {
            WriteString(entry.Key);
            WriteTensor(entry.Value, storageKeyOf(index));
        }));
        WriteDictItems(tensors);

        // The instance __dict__ ({'_metadata': ...}) that OrderedDict.__reduce__ hands to BUILD.
        output.WriteByte(PickleOpcodes.EmptyDict);
        Memoize();
        WriteString("_metadata");
        WriteNewOrderedDict();
        WriteDictItems(ModuleVersions.ModulePrefixes(dict.Keys).Select(prefix => (Action)(() =>
        {
            WriteString(prefix);
            output.WriteByte(PickleOpcodes.EmptyDict);
            Memoize();
            WriteSharedString("version");
            WriteInt(ModuleVersions.DefaultModuleVersion);
            output.WriteByte(PickleOpcodes.SetItem);
        })));
        output.WriteByte(PickleOpcodes.SetItem);
        output.WriteByte(PickleOpcodes.Build);
        output.WriteByte(PickleOpcodes.Stop);
    }

    private void WriteTensor(ParameterValues value, string storageKey)
    {
        WriteGlobal("torch._utils", "_rebuild_tensor_v2");
        output.WriteByte(PickleOpcodes.Mark);
        output.WriteByte(PickleOpcodes.Mark);
        WriteSharedString("storage");
        WriteGlobal("torch", "FloatStorage");
        WriteString(storageKey);
        WriteSharedString("cpu");
        WriteInt(value.ElementCount);
        output.WriteByte(PickleOpcodes.Tuple);
        Memoize();
        output.WriteByte(PickleOpcodes.BinPersId);
        WriteInt(0);
        WriteIntTuple(value.Shape);
        WriteIntTuple(StorageLayout.ContiguousStrides(value.Shape));
        output.WriteByte(PickleOpcodes.NewFalse);
        WriteNewOrderedDict();
        output.WriteByte(PickleOpcodes.Tuple);
        Memoize();
        output.WriteByte(PickleOpcodes.Reduce);
        Memoize();
    }

    private void WriteNewOrderedDict()
    {
        WriteGlobal("collections", "OrderedDict");
        output.WriteByte(PickleOpcodes.EmptyTuple);
        output.WriteByte(PickleOpcodes.Reduce);
        Memoize();
    }

    /// <summary>Python's _batch_setitems: MARK..SETITEMS per 1000 items, but a lone item gets SETITEM.</summary>
    private void WriteDictItems(IEnumerable<Action> writeItems)
    {
        foreach (var batch in writeItems.Chunk(PythonSetItemsBatchSize))
        {
            if (batch.Length == 1)
            {
                batch[0]();
                output.WriteByte(PickleOpcodes.SetItem);
                continue;
            }
            output.WriteByte(PickleOpcodes.Mark);
            foreach (var writeItem in batch) writeItem();
            output.WriteByte(PickleOpcodes.SetItems);
        }
    }

    private void WriteIntTuple(Seq<long> values)
    {
        if (values.IsEmpty)
        {
            output.WriteByte(PickleOpcodes.EmptyTuple);
            return;
        }
        if (values.Count > 3) output.WriteByte(PickleOpcodes.Mark);
        foreach (var v in values) WriteInt(v);
        output.WriteByte(values.Count switch
        {
            1 => PickleOpcodes.Tuple1,
            2 => PickleOpcodes.Tuple2,
            3 => PickleOpcodes.Tuple3,
            _ => PickleOpcodes.Tuple,
        });
        Memoize();
    }

    private void WriteGlobal(string module, string name)
    {
        if (TryFetchShared($"global:{module}.{name}")) return;
        output.WriteByte(PickleOpcodes.Global);
        output.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        RememberShared($"global:{module}.{name}");
    }

    private void WriteSharedString(string text)
    {
        if (TryFetchShared($"str:{text}")) return;
        WriteStringBytes(text);
        RememberShared($"str:{text}");
    }

    private void WriteString(string text)
    {
        WriteStringBytes(text);
        Memoize();
    }

    private void WriteStringBytes(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
        output.WriteByte(PickleOpcodes.BinUnicode);
        output.Write(length);
        output.Write(utf8);
    }

    /// <summary>CPython's save_long for protocol 2: the shortest of BININT1, BININT2, BININT, LONG1.</summary>
    private void WriteInt(long value)
    {
        Span<byte> buffer = stackalloc byte[9];
        switch (value)
        {
            case >= 0 and <= 0xFF:
                output.Write([PickleOpcodes.BinInt1, (byte)value]);
                return;
            case >= 0 and <= 0xFFFF:
                output.WriteByte(PickleOpcodes.BinInt2);
                BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)value);
                output.Write(buffer[..2]);
                return;
            case >= int.MinValue and <= int.MaxValue:
                output.WriteByte(PickleOpcodes.BinInt);
                BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)value);
                output.Write(buffer[..4]);
                return;
            default:
                var bitLength = 64 - (int)long.LeadingZeroCount(Math.Abs(value));
                var byteCount = Math.Min(8, (bitLength >> 3) + 1);
                BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
                output.Write([PickleOpcodes.Long1, (byte)byteCount]);
                output.Write(buffer[..byteCount]);
                return;
        }
    }

    private bool TryFetchShared(string identity)
    {
        if (!sharedObjects.TryGetValue(identity, out var index)) return false;
        WriteMemoIndex(PickleOpcodes.BinGet, PickleOpcodes.LongBinGet, index);
        return true;
    }

    private void RememberShared(string identity) => sharedObjects[identity] = Memoize();

    private int Memoize()
    {
        var index = nextMemoIndex++;
        WriteMemoIndex(PickleOpcodes.BinPut, PickleOpcodes.LongBinPut, index);
        return index;
    }

    /// <summary>Pickle's memo opcodes come in a one-byte-index form and a four-byte one, as Python's pickler picks them.</summary>
    private void WriteMemoIndex(byte shortOpcode, byte longOpcode, int index)
    {
        if (index < 256)
        {
            output.Write([shortOpcode, (byte)index]);
            return;
        }
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, index);
        output.WriteByte(longOpcode);
        output.Write(buffer);
    }
}
