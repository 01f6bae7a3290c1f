using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Functional.Formats.Pickle;
using LanguageExt;

namespace Functional.Formats.Checkpoints;

/// <summary>
/// Pickles a checkpoint dictionary byte for byte as CPython 3 (protocol 2, through torch.save) pickles PyTorch 1.13's
/// recipe dictionary; hand-written because nothing else produces torch.save's bytes. Its memo rules are what that pickle
/// shows: every dict, list, non-empty tuple, string and tensor is memoised when first written; a string seen again
/// (the optimiser's 'step', 'exp_avg', ... for the second parameter, 'storage', 'cpu', 'version') is fetched back with
/// BINGET, as Python's interned literals are, and so are the globals; ints, floats, bools, None and () are not memoised.
/// Storages are numbered in the order they are first met, as torch.save numbers them.
/// </summary>
internal sealed class CheckpointPickler
{
    const int BatchSize = 1000;

    readonly MemoryStream output = new();
    readonly Dictionary<string, int> memo = new(StringComparer.Ordinal);
    readonly List<(string Key, byte[] Bytes)> storages = [];
    int nextMemo;

    /// <summary>The pickle and the storages it refers to, by key, in the order they were numbered.</summary>
    public static (byte[] Pickle, IReadOnlyList<(string Key, byte[] Bytes)> Storages) Pickle(PythonObject root)
    {
        var pickler = new CheckpointPickler();
        pickler.output.Write([PickleOpcodes.Proto, 2]);
        pickler.Write(root);
        pickler.output.WriteByte(PickleOpcodes.Stop);
        return (pickler.output.ToArray(), pickler.storages);
    }

    void Write(PythonObject value)
    {
        switch (value)
        {
            case PythonObject.Str text: WriteString(text.Value); break;
            case PythonObject.Int number: WriteInt(number.Value); break;
            case PythonObject.Float number: WriteFloat(number.Value); break;
            case PythonObject.Bool flag: output.WriteByte(flag.Value ? PickleOpcodes.NewTrue : PickleOpcodes.NewFalse); break;
            case PythonObject.None: output.WriteByte(PickleOpcodes.None); break;
            case PythonObject.Tuple tuple: WriteTuple(tuple.Items.Map(item => (Action)(() => Write(item)))); break;
            case PythonObject.List list: WriteList(list.Items); break;
            case PythonObject.Dict dict: WriteDict(dict.Items); break;
            case PythonObject.ModuleStateDict module: WriteModuleStateDict(module); break;
            case PythonObject.FloatTensor tensor:
                WriteTensor("FloatStorage", tensor.Shape, tensor.Data.Count, LittleEndianFloats.ToBytes(tensor.Data));
                break;
            case PythonObject.ByteTensor bytes: WriteTensor("ByteStorage", LanguageExt.Prelude.Seq1((long)bytes.Data.Length), bytes.Data.Length, bytes.Data); break;
            default: throw new ArgumentOutOfRangeException(nameof(value), value, "not a checkpoint value");
        }
    }

    void WriteDict(Seq<(PythonObject Key, PythonObject Value)> items)
    {
        output.WriteByte(PickleOpcodes.EmptyDict);
        Memoize();
        WriteItems(items.Map(item => (Action)(() =>
        {
            Write(item.Key);
            Write(item.Value);
        })), PickleOpcodes.SetItem, PickleOpcodes.SetItems);
    }

    void WriteList(Seq<PythonObject> items)
    {
        output.WriteByte(PickleOpcodes.EmptyList);
        Memoize();
        WriteItems(items.Map(item => (Action)(() => Write(item))), PickleOpcodes.Append, PickleOpcodes.Appends);
    }

    /// <summary>Python's _batch_setitems and _batch_appends: one item alone, two or more in MARK ... batches of 1000.</summary>
    void WriteItems(Seq<Action> items, byte single, byte batch)
    {
        foreach (var chunk in items.Chunk(BatchSize))
        {
            if (chunk.Length == 1)
            {
                chunk[0]();
                output.WriteByte(single);
                continue;
            }
            output.WriteByte(PickleOpcodes.Mark);
            foreach (var item in chunk) item();
            output.WriteByte(batch);
        }
    }

    void WriteTuple(Seq<Action> items)
    {
        if (items.IsEmpty)
        {
            output.WriteByte(PickleOpcodes.EmptyTuple);
            return;
        }
        if (items.Count > 3) output.WriteByte(PickleOpcodes.Mark);
        foreach (var item in items) item();
        output.WriteByte(items.Count switch
        {
            1 => PickleOpcodes.Tuple1,
            2 => PickleOpcodes.Tuple2,
            3 => PickleOpcodes.Tuple3,
            _ => PickleOpcodes.Tuple,
        });
        Memoize();
    }

    /// <summary>An nn.Module's state_dict: an OrderedDict whose __dict__ holds _metadata, each module prefix's {'version': 1}.</summary>
    void WriteModuleStateDict(PythonObject.ModuleStateDict module)
    {
        WriteNewOrderedDict();
        WriteItems(module.Values.Entries.Map(entry => (Action)(() =>
        {
            WriteString(entry.Key);
            Write(new PythonObject.FloatTensor(entry.Value.Shape, entry.Value.Data));
        })), PickleOpcodes.SetItem, PickleOpcodes.SetItems);
        output.WriteByte(PickleOpcodes.EmptyDict);
        Memoize();
        WriteString("_metadata");
        WriteNewOrderedDict();
        WriteItems(ModuleVersions.ModulePrefixes(module.Values.Keys).Map(prefix => (Action)(() =>
        {
            WriteString(prefix);
            output.WriteByte(PickleOpcodes.EmptyDict);
            Memoize();
            WriteString("version");
            WriteInt(ModuleVersions.DefaultModuleVersion);
            output.WriteByte(PickleOpcodes.SetItem);
        })), PickleOpcodes.SetItem, PickleOpcodes.SetItems);
        output.WriteByte(PickleOpcodes.SetItem);
        output.WriteByte(PickleOpcodes.Build);
    }

    void WriteNewOrderedDict()
    {
        WriteGlobal("collections", "OrderedDict");
        output.WriteByte(PickleOpcodes.EmptyTuple);
        output.WriteByte(PickleOpcodes.Reduce);
        Memoize();
    }

    /// <summary>torch._utils._rebuild_tensor_v2(('storage', type, key, 'cpu', numel), 0, size, stride, False, OrderedDict()).</summary>
    void WriteTensor(string storageType, Seq<long> shape, long elements, byte[] bytes)
    {
        var key = storages.Count.ToString(CultureInfo.InvariantCulture);
        storages.Add((key, bytes));
        WriteGlobal("torch._utils", "_rebuild_tensor_v2");
        output.WriteByte(PickleOpcodes.Mark);
        WriteTuple(LanguageExt.Prelude.Seq<Action>(
            () => WriteString("storage"),
            () => WriteGlobal("torch", storageType),
            () => WriteString(key),
            () => WriteString("cpu"),
            () => WriteInt(elements)));
        output.WriteByte(PickleOpcodes.BinPersId);
        WriteInt(0);
        WriteTuple(shape.Map(size => (Action)(() => WriteInt(size))));
        WriteTuple(StorageLayout.ContiguousStrides(shape).Map(stride => (Action)(() => WriteInt(stride))));
        output.WriteByte(PickleOpcodes.NewFalse);
        WriteNewOrderedDict();
        output.WriteByte(PickleOpcodes.Tuple);
        Memoize();
        output.WriteByte(PickleOpcodes.Reduce);
        Memoize();
    }

    void WriteGlobal(string module, string name)
    {
        var identity = $"global:{module}.{name}";
        if (Fetch(identity)) return;
        output.WriteByte(PickleOpcodes.Global);
        output.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        memo[identity] = Memoize();
    }

    void WriteString(string text)
    {
        var identity = $"str:{text}";
        if (Fetch(identity)) return;
        var utf8 = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
        output.WriteByte(PickleOpcodes.BinUnicode);
        output.Write(length);
        output.Write(utf8);
        memo[identity] = Memoize();
    }

    /// <summary>BINFLOAT: the double, big-endian.</summary>
    void WriteFloat(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        output.WriteByte(PickleOpcodes.BinFloat);
        output.Write(bytes);
    }

    /// <summary>CPython's save_long for protocol 2: the shortest of BININT1, BININT2, BININT, LONG1.</summary>
    void WriteInt(long value)
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
                var bitLength = 64 - (int)long.LeadingZeroCount(value < 0 ? ~value : value);
                var byteCount = Math.Min(8, (bitLength >> 3) + 1);
                BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
                output.Write([PickleOpcodes.Long1, (byte)byteCount]);
                output.Write(buffer[..byteCount]);
                return;
        }
    }

    bool Fetch(string identity)
    {
        if (!memo.TryGetValue(identity, out var index)) return false;
        WriteMemoIndex(PickleOpcodes.BinGet, PickleOpcodes.LongBinGet, index);
        return true;
    }

    int Memoize()
    {
        var index = nextMemo++;
        WriteMemoIndex(PickleOpcodes.BinPut, PickleOpcodes.LongBinPut, index);
        return index;
    }

    void WriteMemoIndex(byte shortOpcode, byte longOpcode, int index)
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
