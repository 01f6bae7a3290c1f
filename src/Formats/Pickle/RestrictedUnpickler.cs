using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>
/// A pickle machine that only understands the opcodes and globals of a PyTorch state_dict.
/// It builds plain values (see <see cref="PickleValue"/>) and never imports or calls anything:
/// REDUCE is interpreted for the allow-listed callables only. Every value pushed, memoised or put in a dict counts
/// against <see cref="FormatLimits.MaxPickleValues"/>, so a pickle cannot make memory grow with every byte it has.
/// </summary>
/// <remarks>
/// The machine is a loop over opcodes that returns the first problem as a message (null when a step succeeds) rather
/// than a chain of <c>Fin</c> binds: a pickle has as many opcodes as bytes, and a closure per opcode made reading a
/// hostile file allocate hundreds of bytes per byte.
/// </remarks>
internal sealed class RestrictedUnpickler
{
    private readonly byte[] pickle;
    private readonly TensorRebuilder tensors;
    private readonly List<PickleValue> stack = [];
    private readonly Dictionary<long, PickleValue> memo = [];
    private int position;
    private int values;

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
            if (Execute(opcode) is { } problem)
                return Error.New($"{problem} (pickle opcode 0x{opcode:x2} at byte {opcodeAt.ToString(CultureInfo.InvariantCulture)})");
        }
        return Error.New("the pickle is truncated (no STOP opcode)");
    }

    /// <summary>One opcode; null when it succeeded, else what went wrong.</summary>
    private string? Execute(byte opcode)
    {
        switch (opcode)
        {
            case PickleOpcodes.Proto:
                return !Has(1) ? Truncated : pickle[position++] is var protocol and (< 2 or > 5) ? $"unsupported pickle protocol {protocol}" : null;
            case PickleOpcodes.Frame:
                return Skip(8);
            case PickleOpcodes.Mark:
                return Push(Mark);
            case PickleOpcodes.None:
                return Push(NoneValue);
            case PickleOpcodes.NewTrue:
                return Push(True);
            case PickleOpcodes.NewFalse:
                return Push(False);
            case PickleOpcodes.BinInt1:
                return !Has(1) ? Truncated : Push(new PyInt(pickle[position++]));
            case PickleOpcodes.BinInt2:
                return !Has(2) ? Truncated : Push(new PyInt(BinaryPrimitives.ReadUInt16LittleEndian(Take(2))));
            case PickleOpcodes.BinInt:
                return !Has(4) ? Truncated : Push(new PyInt(BinaryPrimitives.ReadInt32LittleEndian(Take(4))));
            case PickleOpcodes.Long1:
            {
                if (!Has(1)) return Truncated;
                var length = pickle[position++];
                if (!Has(length)) return Truncated;
                return length > 8 ? "an integer in the pickle is too large" : Push(new PyInt(LongFromTwosComplement(Take(length))));
            }
            case PickleOpcodes.BinUnicode:
            {
                if (!Has(4)) return Truncated;
                var length = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
                return !Has(length) ? Truncated : PushUtf8(Take((int)length));
            }
            case PickleOpcodes.ShortBinUnicode:
                return !Has(1) ? Truncated : pickle[position++] is var shortLength && !Has(shortLength) ? Truncated : PushUtf8(Take(shortLength));
            case PickleOpcodes.Global:
                return Line(out var module) ?? Line(out var name) ?? PushGlobal(module, name);
            case PickleOpcodes.StackGlobal:
            {
                if (Pop(out var globalName) is { } underflow) return underflow;
                if (Pop(out var globalModule) is { } underflow2) return underflow2;
                return (globalModule, globalName) is (PyString m, PyString n) ? PushGlobal(m.Value, n.Value) : "STACK_GLOBAL needs two strings";
            }
            case PickleOpcodes.BinPut:
                return !Has(1) ? Truncated : Put(pickle[position++]);
            case PickleOpcodes.LongBinPut:
                return !Has(4) ? Truncated : Put(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)));
            case PickleOpcodes.Memoize:
                return Put(memo.Count);
            case PickleOpcodes.BinGet:
                return !Has(1) ? Truncated : Get(pickle[position++]);
            case PickleOpcodes.LongBinGet:
                return !Has(4) ? Truncated : Get(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)));
            case PickleOpcodes.EmptyTuple:
                return Push(new PyTuple([]));
            case PickleOpcodes.Tuple1:
                return PopN(1, out var one) ?? Push(new PyTuple(one));
            case PickleOpcodes.Tuple2:
                return PopN(2, out var two) ?? Push(new PyTuple(two));
            case PickleOpcodes.Tuple3:
                return PopN(3, out var three) ?? Push(new PyTuple(three));
            case PickleOpcodes.Tuple:
                return PopToMark(out var items) ?? Push(new PyTuple(items));
            case PickleOpcodes.EmptyDict:
                return Push(new PyDict(false, []));
            case PickleOpcodes.SetItem:
                return PopN(2, out var pair) ?? SetItems(pair);
            case PickleOpcodes.SetItems:
                return PopToMark(out var pairs) ?? SetItems(pairs);
            case PickleOpcodes.BinPersId:
                return Pop(out var persistentId) ?? Result(StorageReference.From(persistentId));
            case PickleOpcodes.Reduce:
            {
                if (Pop(out var args) is { } underflow) return underflow;
                if (Pop(out var callable) is { } underflow2) return underflow2;
                return Result(Reduce(callable, args));
            }
            case PickleOpcodes.Build:
                return Pop(out var state) ?? Build(state);
            default:
                return $"pickle opcode 0x{opcode:x2} is not allowed in a state_dict";
        }
    }

    private const string Truncated = "the pickle is truncated";

    private static readonly PyMark Mark = new();
    private static readonly PyNone NoneValue = new();
    private static readonly PyBool True = new(true);
    private static readonly PyBool False = new(false);

    private Fin<PickleValue> Reduce(PickleValue callable, PickleValue args) => (callable, args) switch
    {
        (PyGlobal { Global: AllowedGlobal.OrderedDict }, PyTuple { Items.IsEmpty: true }) => new PyDict(true, []),
        (PyGlobal { Global: AllowedGlobal.RebuildTensorV2 }, PyTuple t) => tensors.RebuildTensor(t.Items),
        (PyGlobal { Global: AllowedGlobal.RebuildParameter }, PyTuple t) => TensorRebuilder.RebuildParameter(t.Items),
        (PyGlobal g, _) => Error.New($"{g.Global} cannot be called with these arguments"),
        _ => Error.New($"a {callable.PythonTypeName} cannot be called"),
    };

    private string? Result(Fin<PickleValue> value) => value.Match(Succ: Push, Fail: error => error.Message);

    /// <summary>BUILD on an OrderedDict sets its __dict__ (PyTorch's _metadata); the values are not needed.</summary>
    private string? Build(PickleValue state) =>
        stack.Count > 0 && stack[^1] is PyDict && state is (PyDict or PyNone)
            ? null
            : "BUILD is only allowed to attach state_dict metadata";

    private string? SetItems(Seq<PickleValue> keysAndValues)
    {
        if (keysAndValues.Count % 2 != 0) return "dict items come in key/value pairs";
        if (stack.Count == 0 || stack[^1] is not PyDict dict) return "SETITEM(S) needs a dict";
        for (var i = 0; i < keysAndValues.Count; i += 2)
        {
            if (Count() is { } tooMany) return tooMany;
            dict.Items.Add((keysAndValues[i], keysAndValues[i + 1]));
        }
        return null;
    }

    private string? PushGlobal(string module, string name) =>
        AllowedGlobals.Resolve(module, name).Match(Succ: global => Push(new PyGlobal(global)), Fail: error => error.Message);

    /// <summary>Invalid UTF-8 is refused rather than replaced, so keys stay exactly as PyTorch wrote them.</summary>
    private string? PushUtf8(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes)
            ? Push(new PyString(Encoding.UTF8.GetString(bytes)))
            : "a string in the pickle is not valid UTF-8";

    private static long LongFromTwosComplement(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return 0L;
        var value = 0L;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        var unusedBits = 64 - 8 * bytes.Length;
        return unusedBits == 0 ? value : (value << unusedBits) >> unusedBits;
    }

    private string? Line(out string text)
    {
        text = "";
        var end = Array.IndexOf(pickle, (byte)'\n', position, Math.Min(257, pickle.Length - position));
        if (end < 0) return "the pickle is truncated inside a GLOBAL name";
        text = Encoding.ASCII.GetString(pickle, position, end - position);
        position = end + 1;
        return null;
    }

    private bool Has(long count) => count <= pickle.Length - position;

    private string? Skip(int count)
    {
        if (!Has(count)) return Truncated;
        position += count;
        return null;
    }

    /// <summary>The next <paramref name="count"/> bytes, which <see cref="Has"/> has checked are there.</summary>
    private ReadOnlySpan<byte> Take(int count)
    {
        var bytes = pickle.AsSpan(position, count);
        position += count;
        return bytes;
    }

    private string? Put(long index)
    {
        if (stack.Count == 0 || stack[^1] is PyMark) return "memo store with an empty stack";
        if (!memo.ContainsKey(index) && Count() is { } tooMany) return tooMany;
        memo[index] = stack[^1];
        return null;
    }

    private string? Get(long index) =>
        memo.TryGetValue(index, out var value) ? Push(value) : $"memo entry {index.ToString(CultureInfo.InvariantCulture)} was never stored";

    private string? Push(PickleValue value)
    {
        if (Count() is { } tooMany) return tooMany;
        stack.Add(value);
        return null;
    }

    private string? Count() =>
        ++values <= FormatLimits.MaxPickleValues
            ? null
            : $"the pickle makes more than {FormatLimits.MaxPickleValues.ToString("N0", CultureInfo.InvariantCulture)} values, more than a state_dict of this size needs (see Limits in the README)";

    private string? Pop(out PickleValue top)
    {
        top = Mark;
        if (stack.Count == 0 || stack[^1] is PyMark) return "the pickle stack underflows";
        top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return null;
    }

    private string? PopN(int count, out Seq<PickleValue> items)
    {
        items = [];
        var start = stack.Count - count;
        if (start < 0) return "the pickle stack underflows";
        for (var i = start; i < stack.Count; i++)
            if (stack[i] is PyMark) return "the pickle stack underflows";
        items = Prelude.toSeq(stack.GetRange(start, count)).Strict();
        stack.RemoveRange(start, count);
        return null;
    }

    private string? PopToMark(out Seq<PickleValue> items)
    {
        items = [];
        var mark = stack.FindLastIndex(v => v is PyMark);
        if (mark < 0) return "the pickle has no MARK where one is needed";
        items = Prelude.toSeq(stack.GetRange(mark + 1, stack.Count - mark - 1)).Strict();
        stack.RemoveRange(mark, stack.Count - mark);
        return null;
    }
}
