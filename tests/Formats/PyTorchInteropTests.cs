using System.Text.Json;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>Proof against real PyTorch (1.13 from Debian): it reads our files, we read its files, and our bytes equal its bytes.</summary>
public sealed class PyTorchInteropTests
{
    private static readonly StateDict Notebook = LinearLayerStateDict.With(0.7f, 0.3f);

    [RequiresPyTorchFact]
    public void Torch_load_reads_our_file_into_the_notebooks_linear_layer_model()
    {
        using var folder = new TempFolder();
        var path = folder.File("ours.pth");
        File.WriteAllBytes(path, TorchSaveFormat.Write(Notebook));

        var output = PythonTorch.RunOk(PythonPrelude.Text + """
            sd = torch.load(sys.argv[1])
            assert type(sd) is collections.OrderedDict, type(sd)
            assert all(t.dtype == torch.float32 and not t.requires_grad for t in sd.values())
            model = LinearRegressionModelV2()
            model.load_state_dict(sd, strict=True)
            print(json.dumps({"keys": list(sd.keys()), "bits": [bits_of(t) for t in sd.values()],
                              "shapes": [list(t.shape) for t in sd.values()], "metadata": list(sd._metadata.items())}))
            """, path);

        using var result = JsonDocument.Parse(output);
        var loaded = result.RootElement;
        Assert.Equal(["linear_layer.weight", "linear_layer.bias"], loaded.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([BitsOf(0.7f), BitsOf(0.3f)], loaded.GetProperty("bits").EnumerateArray().Select(b => b[0].GetUInt32()));
        Assert.Equal("[[1,1],[1]]", loaded.GetProperty("shapes").GetRawText().Replace(" ", ""));
        Assert.Equal("""[["",{"version":1}],["linear_layer",{"version":1}]]""", loaded.GetProperty("metadata").GetRawText().Replace(" ", ""));
    }

    [RequiresPyTorchFact]
    public void Torch_load_reads_awkward_values_and_shapes_bit_exactly()
    {
        using var folder = new TempFolder();
        var path = folder.File("awkward.pt");
        // Made from its bits in memory: the JIT folds BitConverter.Int32BitsToSingle(0x7FA00001) into a quiet NaN
        // (0x7FE00001) on an Intel Xeon host (not on AMD EPYC), and this test is about the payload surviving.
        var signallingNaN = System.Runtime.InteropServices.MemoryMarshal.Cast<int, float>(new[] { 0x7FA00001 }.AsSpan())[0];
        var dict = new StateDict(LanguageExt.Prelude.Seq(
            new StateEntry("scalar", ParameterValues.Of([-0.0f], [])),
            new StateEntry("empty", ParameterValues.Of([], 0, 3)),
            new StateEntry("block.0.nan_payloads", ParameterValues.Of(
                [signallingNaN, float.Epsilon, float.MaxValue, float.NegativeInfinity], 1, 2, 1, 2))));
        File.WriteAllBytes(path, TorchSaveFormat.Write(dict, "any_name"));

        var output = PythonTorch.RunOk(PythonPrelude.Text + """
            sd = torch.load(sys.argv[1])
            print(json.dumps([[k, list(t.shape), t.stride(), str(t.dtype), bits_of(t)] for k, t in sd.items()]))
            """, path);

        string[] expected =
        [
            $"""["scalar",[],[],"torch.float32",[{BitsOf(-0.0f)}]]""",
            """["empty",[0,3],[3,1],"torch.float32",[]]""",
            $"""["block.0.nan_payloads",[1,2,1,2],[4,2,2,1],"torch.float32",[{0x7FA00001},{BitsOf(float.Epsilon)},"""
                + $"""{BitsOf(float.MaxValue)},{BitsOf(float.NegativeInfinity)}]]""",
        ];
        Assert.Equal($"[{string.Join(",", expected)}]", output.Trim().Replace(" ", ""));
    }

    [RequiresPyTorchFact]
    public void We_read_what_torch_save_writes_including_views_float64_and_parameters()
    {
        using var folder = new TempFolder();
        var path = folder.File("theirs.pt");
        var output = PythonTorch.RunOk(PythonPrelude.Text + """
            torch.manual_seed(42)
            model = LinearRegressionModelV2()
            sd = model.state_dict()
            base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
            sd["transposed"] = base.t()
            sd["row_view"] = base[1]
            sd["expanded"] = torch.tensor([2.5]).expand(3)
            sd["as_double"] = torch.tensor([0.1, 1e300], dtype=torch.float64)
            sd["parameter"] = nn.Parameter(torch.tensor([[1.5, -2.0]]))
            torch.save(sd, sys.argv[1])
            print(json.dumps([[k, list(t.shape), bits_of(t.float())] for k, t in sd.items()]))
            """, path);

        var loaded = TorchSaveFormat.Read(File.ReadAllBytes(path)).Match(l => l, e => throw new Xunit.Sdk.XunitException(e.Message));
        var ours = loaded.StateDict.Entries
            .Select(e => $"[\"{e.Key}\",[{string.Join(",", e.Value.Shape)}],[{string.Join(",", e.Value.Data.Map(BitsOf))}]]");
        PyTorchReference.AssertMatchesLive("the state_dict torch.save wrote: key, shape, float32 bits", output.Trim().Replace(" ", ""),
            $"[{string.Join(",", ours)}]");
        Assert.Equal(new[] { "as_double: float64 values were converted to float32" }, loaded.Notes.ToArray());
    }

    [RequiresPyTorchFact]
    public void Our_archive_equals_torch_save_entry_by_entry_and_byte_for_byte()
    {
        using var folder = new TempFolder();
        var theirs = folder.File("model.pt");
        var ours = folder.File("ours.pt");
        var many = ManyParameters();
        // PyTorch names the archive folder after the file's stem ("model").
        File.WriteAllBytes(ours, TorchSaveFormat.Write(many, "model"));

        var output = PythonTorch.RunOk(PythonPrelude.Text + """
            spec = json.loads(sys.argv[3])
            class Many(nn.Module):
                def __init__(self):
                    super().__init__()
                    for name, shape, bits in spec:
                        if "." not in name:
                            self.register_parameter(name, nn.Parameter(tensor_from_bits(bits, shape)))
                    self.child = nn.Linear(2, 3)
                    with torch.no_grad():
                        for name, shape, bits in spec:
                            if name.startswith("child."):
                                getattr(self.child, name.split(".")[1]).copy_(tensor_from_bits(bits, shape))
            torch.save(Many().state_dict(), sys.argv[1])

            def describe(path):
                z = zipfile.ZipFile(path)
                raw = open(path, "rb").read()
                rows = []
                for info in z.infolist():
                    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
                    data_offset = info.header_offset + 30 + name_len + extra_len
                    rows.append((info.filename.split("/", 1)[1], info.compress_type, info.file_size, info.CRC,
                                 info.header_offset, data_offset, data_offset % 64, info.flag_bits))
                folder = z.infolist()[0].filename.split("/")[0]
                out = io.StringIO()
                pickletools.dis(z.read(folder + "/data.pkl"), out=out)
                return rows, out.getvalue()

            their_rows, their_pickle = describe(sys.argv[1])
            our_rows, our_pickle = describe(sys.argv[2])
            if their_pickle != our_pickle:
                import difflib
                diff = difflib.unified_diff(their_pickle.splitlines(), our_pickle.splitlines(), "torch", "ours", lineterm="")
                raise AssertionError("pickle differs:\n" + "\n".join(diff))
            for theirs_row, ours_row in zip(their_rows, our_rows):
                assert theirs_row == ours_row, f"entry differs:\n theirs {theirs_row}\n ours   {ours_row}"
            assert len(their_rows) == len(our_rows), (their_rows, our_rows)
            assert all(row[1] == zipfile.ZIP_STORED for row in our_rows)
            assert all(row[6] == 0 for row in our_rows), "payloads must be 64-byte aligned"
            print(json.dumps([row[0] for row in our_rows]))
            """, theirs, ours, EntriesAsJson(many));

        Assert.Contains("\"data/1\", \"data/10\", \"data/11\", \"data/12\", \"data/13\", \"data/2\"", output);
        var (theirBytes, ourBytes) = (File.ReadAllBytes(theirs), File.ReadAllBytes(ours));
        var firstDifference = Enumerable.Range(0, Math.Max(theirBytes.Length, ourBytes.Length))
            .FirstOrDefault(i => i >= theirBytes.Length || i >= ourBytes.Length || theirBytes[i] != ourBytes[i], -1);
        Assert.True(firstDifference < 0,
            "must equal the file live torch.save wrote, byte for byte; this is not an approved snapshot. "
            + $"First difference at byte {firstDifference} (torch.save wrote {theirBytes.Length} bytes, we wrote {ourBytes.Length})");
    }

    /// <summary>Twelve top-level parameters (so storage keys sort as text: 10 before 2) of every rank, plus a child Linear.</summary>
    private static StateDict ManyParameters()
    {
        var random = new Random(7);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2))];
        long[][] shapes = [[], [1], [3], [2, 2], [1, 3, 2], [2, 1, 2, 1], [0], [300], [1, 1], [5], [2, 3], [4]];
        var top = shapes.Select((shape, i) =>
            new StateEntry($"p{i}", ParameterValues.Of(Values((int)shape.Aggregate(1L, (n, d) => n * d)), shape)));
        var child = new[]
        {
            new StateEntry("child.weight", ParameterValues.Of(Values(6), 3, 2)),
            new StateEntry("child.bias", ParameterValues.Of(Values(3), 3)),
        };
        return new StateDict(top.Concat(child).ToSeq().Strict());
    }

    /// <summary>[[key, shape, float32 bits], ...], what the Python side rebuilds the state_dict from.</summary>
    private static string EntriesAsJson(StateDict dict) =>
        JsonSerializer.Serialize(dict.Entries.Select(e => new object[] { e.Key, e.Value.Shape.ToArray(), e.Value.Data.Map(BitsOf).ToArray() }));

    private static uint BitsOf(float value) => (uint)BitConverter.SingleToInt32Bits(value);
}
