using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Data;
using Functional.Tests.Properties.Arbitraries;
using Functional.TorchAdapter.Data;

namespace Functional.Tests.Properties.Data;

[Properties(Arbitrary = [typeof(DataArbitraries)])]
public sealed class DatasetProperties
{
    /// <summary>
    /// PyTorch computes <c>weight * X + bias</c> on float32 tensors as two float32 operations (the Python floats are
    /// cast to float32 first), so each y is exactly <c>x * (float)weight + (float)bias</c> in float arithmetic.
    /// </summary>
    [Property]
    public Property Every_y_is_weight_times_x_plus_bias_in_float32(DatasetSpec spec)
    {
        var dataset = LineData.Line(spec);
        var (x, y) = (dataset.X.ToArray(), dataset.Y.ToArray());
        float Expected(int i) => Line(x[i], (float)spec.Weight, (float)spec.Bias);
        var wrong = Enumerable.Range(0, x.Length).FirstOrDefault(i => y[i] != Expected(i), -1);
        return (wrong < 0).Label(wrong < 0 ? "" : $"sample {wrong}: x {x[wrong]:R}, y {y[wrong]:R}, expected {Expected(wrong):R}");
    }

    static float Line(float x, float weight, float bias)
    {
        var product = x * weight;
        return product + bias;
    }

    /// <summary><c>torch.arange(start, end, step)</c> has <c>ceil((end - start) / step)</c> elements, computed in double.</summary>
    [Property]
    public Property The_sample_count_is_what_torch_arange_gives(DatasetSpec spec)
    {
        var (count, expected) = (LineData.Line(spec).Count, (long)Math.Ceiling((spec.End - spec.Start) / spec.Step));
        return (count == expected).Label($"{count} samples, torch.arange gives {expected}");
    }

    [Property]
    public Property X_starts_at_start_and_climbs_by_step_staying_below_end(DatasetSpec spec)
    {
        var x = LineData.Line(spec).X.ToArray();
        var tolerance = 1e-5 * Math.Max(1, Math.Abs(spec.End));
        var offGrid = Enumerable.Range(0, x.Length).FirstOrDefault(i => Math.Abs(x[i] - (spec.Start + i * spec.Step)) > tolerance, -1);
        var pastEnd = Array.FindIndex(x, value => value >= spec.End + tolerance);
        return (x[0] == (float)spec.Start).Label($"x[0] is {x[0]:R}, not the start {spec.Start:R}")
            .And((offGrid < 0).Label($"x[{offGrid}] is off the grid start + i * step"))
            .And((pastEnd < 0).Label($"x[{pastEnd}] is not below the end {spec.End:R}"));
    }

    /// <summary>
    /// The notebook's own numbers: its printed output under PyTorch shows 100 samples, x[0] = 0.0000, x[1] = 0.0100 and
    /// y[1] = 0.9030; the last x of <c>torch.arange(0, 1, 0.01)</c> is 0.99.
    /// </summary>
    [Xunit.Fact]
    public void The_notebook_line_has_100_samples_from_0_to_0_99_and_y_1_is_0_9030()
    {
        var dataset = LineData.Line(DatasetSpec.Notebook);
        Xunit.Assert.Equal(100, dataset.Count);
        Xunit.Assert.Equal("0.0000", Printed(dataset.X[0]));
        Xunit.Assert.Equal("0.0100", Printed(dataset.X[1]));
        Xunit.Assert.Equal("0.9900", Printed(dataset.X[99]));
        Xunit.Assert.Equal("0.9030", Printed(dataset.Y[1]));
    }

    static string Printed(float value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
