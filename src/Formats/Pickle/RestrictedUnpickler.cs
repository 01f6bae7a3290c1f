using System.Buffers.Binary;
using System.Text;
using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>
/// A pickle machine that only understands the opcodes and globals of a PyTorch state_dict.
/// It builds plain values (see <see cref="PickleValue"/>) and never imports or calls anything:
/// REDUCE is interpreted for the allow-listed callables only.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] pickle;
    private readonly TensorRebuilder tensors;
    private readonly List<PickleValue> stack = [];
    private readonly Dictionary<long, PickleValue> memo = [];
    private int position;

    private RestrictedUnpickler(byte[] pickle, TensorRebuilder tensors)
    {
        this.pickle = pickle;
        this.tensors = tensors;
    }

    public static Fin<PickleValue> Load(byte[] pickle, TensorRebuilder tensors) => new RestrictedUnpickler(pickle, tensors).Run();

    private Fin<PickleValue> Run()
    {
        while (position < pickle.Length)
        {
            var opcodeAt = position;
            var opcode = pickle[position++];
            if (opcode == PickleOpcodes.Stop)
                return stack.Count == 1 && stack[0] is not PyMark
                    ? stack[0]
                    : Error.New("the pickle ends with a malformed stack");
            var step = Execute(opcode);
            if (step.Case is Error error)
                return Error.New($"{error.Message} (pickle opcode 0x{opcode:x2} at byte {opcodeAt})");
        }
        return Error.New("the pickle is truncated (no STOP opcode)");
    }

    private Fin<Unit> Execute(byte opcode) => opcode switch
    {
        PickleOpcodes.Proto => Bytes(1).Bind(b => b[0] is >= 2 and <= 5 ? Ok() : Fail($"unsupported pickle protocol {b[0]}")),
        PickleOpcodes.Frame => Bytes(8).Map(_ => Unit.Default),
        PickleOpcodes.Mark => Push(new PyMark()),
        PickleOpcodes.None => Push(new PyNone()),
        PickleOpcodes.NewTrue => Push(new PyBool(true)),
        PickleOpcodes.NewFalse => Push(new PyBool(false)),
        PickleOpcodes.BinInt1 => Bytes(1).Bind(b => Push(new PyInt(b[0]))),
        PickleOpcodes.BinInt2 => Bytes(2).Bind(b => Push(new PyInt(BinaryPrimitives.ReadUInt16LittleEndian(b)))),
        PickleOpcodes.BinInt => Bytes(4).Bind(b => Push(new PyInt(BinaryPrimitives.ReadInt32LittleEndian(b)))),
        PickleOpcodes.Long1 => Bytes(1).Bind(n => Bytes(n[0])).Bind(LongFromTwosComplement).Bind(v => Push(new PyInt(v))),
        PickleOpcodes.BinUnicode => Bytes(4).Bind(n => Bytes(BinaryPrimitives.ReadUInt32LittleEndian(n))).Bind(PushUtf8),
        PickleOpcodes.ShortBinUnicode => Bytes(1).Bind(n => Bytes(n[0])).Bind(PushUtf8),
        PickleOpcodes.Global => Line().Bind(module => Line().Bind(name => PushGlobal(module, name))),
        PickleOpcodes.StackGlobal => Pop().Bind(name => Pop().Bind(module => (module, name) is (PyString m, PyString n)
            ? PushGlobal(m.Value, n.Value)
            : Fail("STACK_GLOBAL needs two strings"))),
        PickleOpcodes.BinPut => Bytes(1).Bind(b => Put(b[0])),
        PickleOpcodes.LongBinPut => Bytes(4).Bind(b => Put(BinaryPrimitives.ReadUInt32LittleEndian(b))),
        PickleOpcodes.Memoize => Put(memo.Count),
        PickleOpcodes.BinGet => Bytes(1).Bind(b => Get(b[0])),
        PickleOpcodes.LongBinGet => Bytes(4).Bind(b => Get(BinaryPrimitives.ReadUInt32LittleEndian(b))),
        PickleOpcodes.EmptyTuple => Push(new PyTuple([])),
        PickleOpcodes.Tuple1 => PopN(1).Bind(items => Push(new PyTuple(items))),
        PickleOpcodes.Tuple2 => PopN(2).Bind(items => Push(new PyTuple(items))),
        PickleOpcodes.Tuple3 => PopN(3).Bind(items => Push(new PyTuple(items))),
        PickleOpcodes.Tuple => PopToMark().Bind(items => Push(new PyTuple(items))),
        PickleOpcodes.EmptyDict => Push(new PyDict(false, [])),
        PickleOpcodes.SetItem => PopN(2).Bind(SetItems),
        PickleOpcodes.SetItems => PopToMark().Bind(SetItems),
        PickleOpcodes.BinPersId => Pop().Bind(StorageReference.From).Bind(Push),
        PickleOpcodes.Reduce => Pop().Bind(args => Pop().Bind(callable => Reduce(callable, args))).Bind(Push),
        PickleOpcodes.Build => Pop().Bind(Build),
        _ => Fail($"pickle opcode 0x{opcode:x2} is not allowed in a state_dict"),
    };

    private Fin<PickleValue> Reduce(PickleValue callable, PickleValue args) => (callable, args) switch
    {
        (PyGlobal { Global: AllowedGlobal.OrderedDict }, PyTuple { Items.IsEmpty: true }) => new PyDict(true, []),
        (PyGlobal { Global: AllowedGlobal.RebuildTensorV2 }, PyTuple t) => tensors.RebuildTensor(t.Items),
        (PyGlobal { Global: AllowedGlobal.RebuildParameter }, PyTuple t) => TensorRebuilder.RebuildParameter(t.Items),
        (PyGlobal g, _) => Error.New($"{g.Global} cannot be called with these arguments"),
        _ => Error.New($"a {callable.PythonTypeName} cannot be called"),
    };

    /// <summary>BUILD on an OrderedDict sets its __dict__ (PyTorch's _metadata); the values are not needed.</summary>
    private Fin<Unit> Build(PickleValue state) =>
        stack.Count > 0 && stack[^1] is PyDict && state is (PyDict or PyNone)
            ? Ok()
            : Fail("BUILD is only allowed to attach state_dict metadata");

    private Fin<Unit> SetItems(Seq<PickleValue> keysAndValues)
    {
        if (keysAndValues.Count % 2 != 0) return Fail("dict items come in key/value pairs");
        if (stack.Count == 0 || stack[^1] is not PyDict dict) return Fail("SETITEM(S) needs a dict");
        for (var i = 0; i < keysAndValues.Count; i += 2)
            dict.Items.Add((keysAndValues[i], keysAndValues[i + 1]));
        return Ok();
    }

    private Fin<Unit> PushGlobal(string module, string name) => AllowedGlobals.Resolve(module, name).Bind(g => Push(new PyGlobal(g)));

    /// <summary>Invalid UTF-8 is refused rather than replaced, so keys stay exactly as PyTorch wrote them.</summary>
    private Fin<Unit> PushUtf8(byte[] bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes)
            ? Push(new PyString(Encoding.UTF8.GetString(bytes)))
            : Fail("a string in the pickle is not valid UTF-8");

    private static Fin<long> LongFromTwosComplement(byte[] bytes)
    {
        if (bytes.Length > 8) return Error.New("an integer in the pickle is too large");
        if (bytes.Length == 0) return 0L;
        var value = 0L;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        var unusedBits = 64 - 8 * bytes.Length;
        return unusedBits == 0 ? value : (value << unusedBits) >> unusedBits;
    }

    private Fin<string> Line()
    {
        var end = Array.IndexOf(pickle, (byte)'\n', position);
        if (end < 0 || end - position > 256) return Error.New("the pickle is truncated inside a GLOBAL name");
        var text = Encoding.ASCII.GetString(pickle, position, end - position);
        position = end + 1;
        return text;
    }

    private Fin<byte[]> Bytes(long count)
    {
        if (count > pickle.Length - position) return Error.New("the pickle is truncated");
        var bytes = pickle.AsSpan(position, (int)count).ToArray();
        position += (int)count;
        return bytes;
    }

    private Fin<Unit> Put(long index)
    {
        if (stack.Count == 0 || stack[^1] is PyMark) return Fail("memo store with an empty stack");
        memo[index] = stack[^1];
        return Ok();
    }

    private Fin<Unit> Get(long index) =>
        memo.TryGetValue(index, out var value) ? Push(value) : Fail($"memo entry {index} was never stored");

    private Fin<Unit> Push(PickleValue value)
    {
        stack.Add(value);
        return Ok();
    }

    private Fin<PickleValue> Pop()
    {
        if (stack.Count == 0 || stack[^1] is PyMark) return Error.New("the pickle stack underflows");
        var top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private Fin<Seq<PickleValue>> PopN(int count)
    {
        var start = stack.Count - count;
        if (start < 0 || stack.Skip(start).Any(v => v is PyMark)) return Error.New("the pickle stack underflows");
        var items = stack.Skip(start).ToSeq().Strict();
        stack.RemoveRange(start, count);
        return items;
    }

    private Fin<Seq<PickleValue>> PopToMark()
    {
        var mark = stack.FindLastIndex(v => v is PyMark);
        if (mark < 0) return Error.New("the pickle has no MARK where one is needed");
        var items = stack.Skip(mark + 1).ToSeq().Strict();
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private static Fin<Unit> Ok() => Unit.Default;

    private static Fin<Unit> Fail(string message) => Error.New(message);
}
