using System.Diagnostics;
using System.Text.Json;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Properties.Printing;

/// <summary>
/// Shapes that broke the printer (issue 11, classes 1 and 4): thousands of dimensions recursed once each and overflowed
/// the stack; 100,000 size-1 dimensions over 2^20 values took 10^11 steps. The printer is now a loop over indices: the
/// same text as PyTorch where PyTorch can print at all, in time and memory proportional to that text.
/// </summary>
public sealed class DeepTensorPrintingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static ParameterValues Ramp(params long[] shape)
    {
        var count = shape.Aggregate(1L, (n, d) => n * d);
        return ParameterValues.Of(Enumerable.Range(0, (int)count).Select(i => (float)Math.Sin(i) * 10).ToArray(), shape);
    }

    private static long[] Ones(int count, params long[] then) => Enumerable.Repeat(1L, count).Concat(then).ToArray();

    /// <summary>Deep and many-small-dimension shapes PyTorch itself can still print (its recursion stops near 450 dimensions).</summary>
    private static readonly Dictionary<string, long[]> ShapesByName = new()
    {
        ["ones_300_then_3"] = Ones(300, 3),
        ["3_ones_200_then_2"] = [3, .. Ones(200, 2)],
        ["ones_400"] = Ones(400),
        ["twos_10_summarised_all_shown"] = Enumerable.Repeat(2L, 10).ToArray(),
        ["mixed_7_1_8_1_9"] = [7, 1, 8, 1, 9],
        ["summarised_column_under_ones"] = Ones(50, 1001, 1),
        ["summarised_2_1_1_3_1_7_1_11"] = [2, 1, 1, 3, 1, 7, 1, 11],
        ["summarised_4_ones_40_then_300"] = [4, .. Ones(40, 300)],
    };

    [RequiresPyTorchFact]
    public void Deep_shapes_print_as_pytorch_prints_them()
    {
        var cases = ShapesByName.Values.Select(Ramp).ToList();
        var input = JsonSerializer.Serialize(cases.Select(c => new { shape = c.Shape.ToArray(), bits = c.Data.Select(BitConverter.SingleToUInt32Bits).ToArray() }));
        var output = PythonTorch.Run("""
            import json, struct, sys, torch
            out = []
            for case in json.load(sys.stdin):
                values = [struct.unpack("<f", struct.pack("<I", b))[0] for b in case["bits"]]
                out.append(repr(torch.tensor(values, dtype=torch.float32).reshape(case["shape"])))
            json.dump(out, sys.stdout)
            """, [], input);
        Assert.True(output.ExitCode == 0, output.Stderr);
        var expected = JsonSerializer.Deserialize<string[]>(output.Stdout)!;
        foreach (var ((name, _), values, pytorch) in ShapesByName.Zip(cases, expected))
            Assert.True(pytorch == PyTorchRepr.Tensor(values), $"{name}: PyTorch printed\n{pytorch}\nwe printed\n{PyTorchRepr.Tensor(values)}");
    }

    [Fact]
    public void Twelve_thousand_size_1_dimensions_print_as_nested_brackets_without_overflowing_the_stack()
    {
        // PyTorch's rule for size-1 dimensions: one bracket pair each, no separators (see ones_400 above, checked live).
        var printed = PyTorchRepr.Tensor(ParameterValues.Of([0.5f], Ones(12_000)));
        Assert.Equal("tensor(" + new string('[', 12_000) + "0.5000" + new string(']', 12_000) + ")", printed);
    }

    [Fact]
    public void A_hundred_thousand_size_1_dimensions_over_a_million_values_print_in_bounded_time()
    {
        var shape = Ones(100_000, 1 << 20);
        var values = ParameterValues.Of(new float[1 << 20], shape);
        var clock = Stopwatch.StartNew();
        var printed = PyTorchRepr.Tensor(values);

        Assert.True(clock.Elapsed < Generous, $"took {clock.Elapsed}");
        // PyTorch's _vector_str at an indent past the line width: one item per line, each line indented to the bracket.
        var lineBreak = ",\n" + new string(' ', "tensor(".Length + 100_000 + 1);
        var vector = "[" + string.Join(lineBreak, "0.", "0.", "0.", " ...", "0.", "0.", "0.") + "]";
        Assert.Equal("tensor(" + new string('[', 100_000) + vector + new string(']', 100_000) + ")", printed);
    }

    [Fact]
    public void A_summary_that_would_still_show_a_million_values_is_shown_in_short_with_its_size()
    {
        // Twenty dimensions of 2: PyTorch elides only dimensions longer than 6, so its print would show all 2^20 values.
        var values = ParameterValues.Of(new float[1 << 20], Enumerable.Repeat(2L, 20).ToArray());
        // The size goes on its own line as PyTorch's _add_suffixes puts any suffix that would pass the line width.
        Assert.Equal("tensor([...],\n       size=(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2))", PyTorchRepr.Tensor(values));
    }

    [Fact]
    public void A_print_of_gigabytes_of_separators_is_shown_in_short()
    {
        // [4, 1 * 2,000,000, 1]: each of the three separators would hold 2,000,001 newlines, each bracket pair nest 2 million deep.
        var shape = Ones(2_000_000, 1).Prepend(4L).ToArray();
        var printed = PyTorchRepr.Tensor(ParameterValues.Of([1f, 2f, 3f, 4f], shape));
        Assert.StartsWith("tensor([...],\n       size=(4, 1, 1, 1,", printed);
        Assert.True(printed.Length < 3 * shape.Length + 100, $"{printed.Length} characters");
    }
}
