using System.Text.Json;
using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Properties.Printing;

/// <summary>Random tensors printed by our code and by the installed PyTorch in one Python call.</summary>
public sealed class LivePyTorchTests
{
    private const string ReprScript = """
        import json, struct, sys, torch
        try:
            from IPython.lib.pretty import pretty
        except ImportError:
            pretty = None
        out = []
        for case in json.load(sys.stdin):
            values = [struct.unpack("<f", struct.pack("<I", b))[0] for b in case["bits"]]
            t = torch.tensor(values, dtype=torch.float32).reshape(case["shape"])
            out.append({"repr": repr(t), "parameter": repr(torch.nn.Parameter(t)),
                        "pretty": pretty((t, [torch.nn.Parameter(t)])) if pretty else None,
                        "formats": ["{:.4f}|{:.4e}|{:.3f}|{:.0f}".format(v, v, v, v) for v in values[:20]]})
        json.dump(out, sys.stdout)
        """;

    private static readonly long[][] Shapes =
        [[1], [2], [5], [17], [3, 1], [20, 1], [2, 3], [4, 9], [2, 3, 4], [2, 2, 2, 2], [1001], [8, 130], [0], [3, 0]];

    [RequiresPyTorchFact]
    public void Random_tensors_and_parameters_print_and_their_floats_format_as_live_PyTorch_prints_them()
    {
        foreach (var (values, python, index) in CasesPrintedByLivePython())
        {
            var what = $"case {index}, shape [{string.Join(", ", values.Shape)}]";
            PyTorchReference.AssertMatchesLive($"repr(torch.tensor(...)), {what}",
                python.GetProperty("repr").GetString()!, PyTorchRepr.Tensor(values));
            PyTorchReference.AssertMatchesLive($"repr(nn.Parameter(...)), {what}",
                python.GetProperty("parameter").GetString()!, PyTorchRepr.Parameter(values));
            PyTorchReference.AssertMatchesLive($"the first 20 values as .4f|.4e|.3f|.0f, {what}",
                string.Join("\n", python.GetProperty("formats").EnumerateArray().Select(f => f.GetString())),
                string.Join("\n", values.Data.Take(20).Select(FourFormats)));
        }
    }

    [RequiresIPythonFact]
    public void Random_tensors_and_parameters_pretty_print_as_live_IPython_prints_them()
    {
        foreach (var (values, python, index) in CasesPrintedByLivePython())
        {
            var pair = PythonValue.TupleOf(PythonValue.Tensor(values), PythonValue.ListOf(PythonValue.Parameter(values)));
            PyTorchReference.AssertMatchesLive($"IPython pretty((tensor, [parameter])), case {index}",
                python.GetProperty("pretty").GetString()!, pair.Pretty());
        }
    }

    /// <summary>300 random tensors (always the same ones), each with what the installed PyTorch printed for it.</summary>
    private static IEnumerable<(ParameterValues Values, JsonElement Python, int Index)> CasesPrintedByLivePython()
    {
        var random = new Random(20240601);
        var cases = Enumerable.Range(0, 300).Select(_ => RandomTensor(random)).ToList();
        var input = JsonSerializer.Serialize(cases.Select(c => new
        {
            shape = c.Shape.ToArray(),
            bits = c.Data.Select(BitConverter.SingleToUInt32Bits).ToArray(),
        }));

        var printed = PythonTorch.Run(ReprScript, [], input);
        Assert.True(printed.ExitCode == 0, $"python failed ({printed.ExitCode}):\n{printed.Stderr}");
        using var expected = JsonDocument.Parse(printed.Stdout);
        return cases.Zip(expected.RootElement.EnumerateArray().Select(e => e.Clone()))
            .Select((pair, i) => (pair.Item1, pair.Item2, i)).ToList();
    }

    /// <summary>The value as Python's "{:.4f}|{:.4e}|{:.3f}|{:.0f}" formats it.</summary>
    private static string FourFormats(float v) =>
        $"{PythonFloatFormat.Fixed(v, 4)}|{PythonFloatFormat.Scientific(v, 4)}|{PythonFloatFormat.Fixed(v, 3)}|{PythonFloatFormat.Fixed(v, 0)}";

    private static ParameterValues RandomTensor(Random random)
    {
        var shape = Shapes[random.Next(Shapes.Length)];
        var count = (int)shape.Aggregate(1L, (n, d) => n * d);
        var style = random.Next(5);
        var data = Enumerable.Range(0, count).Select(_ => RandomValue(random, style)).ToArray();
        return ParameterValues.Of(data, shape);
    }

    // Styles: any bit pattern, normal at one scale, integers, normal over many scales, mostly-normal with specials.
    private static float RandomValue(Random random, int style) => style switch
    {
        0 => BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32)),
        1 => (float)(Normal(random) * Math.Pow(10, random.Next(-6, 7))),
        2 => random.Next(-500, 500),
        3 => (float)(Normal(random) * Math.Pow(10, random.Next(-9, 10))),
        _ => random.Next(12) switch
        {
            0 => float.NaN,
            1 => float.PositiveInfinity,
            2 => -0f,
            3 => 0f,
            _ => (float)Normal(random),
        },
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
