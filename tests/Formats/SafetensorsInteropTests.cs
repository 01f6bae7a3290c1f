using Functional.Domain.Tensors;
using Functional.Formats.Safetensors;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Formats;

/// <summary>Debian has no safetensors package, so Python checks our file against the published format by hand.</summary>
public sealed class SafetensorsInteropTests
{
    [RequiresPyTorchFact]
    public void Python_reads_our_file_following_the_published_format_and_loads_the_notebooks_linear_layer_model()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        var dict = LinearLayerStateDict.With(0.7f, -0.0f);
        File.WriteAllBytes(path, SafetensorsFormat.Write(dict, new Dictionary<string, string> { ["format"] = "pt" }));

        var output = PythonTorch.RunOk(PythonPrelude.Text + """
            raw = open(sys.argv[1], "rb").read()
            (n,) = struct.unpack("<Q", raw[:8])
            assert n % 8 == 0
            header = json.loads(raw[8:8 + n].decode("utf-8"))
            assert header.pop("__metadata__") == {"format": "pt"}
            data = raw[8 + n:]
            sd = collections.OrderedDict()
            for key, info in header.items():
                begin, end = info["data_offsets"]
                assert info["dtype"] == "F32"
                sd[key] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(info["shape"])
            model = LinearRegressionModelV2()
            model.load_state_dict(sd, strict=True)
            print(json.dumps([[k, bits_of(t)] for k, t in model.state_dict().items()]))
            """, path);

        var (weightBits, biasBits) = (BitConverter.SingleToUInt32Bits(0.7f), BitConverter.SingleToUInt32Bits(-0.0f));
        Assert.Equal(
            $"""[["linear_layer.weight",[{weightBits}]],["linear_layer.bias",[{biasBits}]]]""",
            output.Trim().Replace(" ", ""));
    }
}
