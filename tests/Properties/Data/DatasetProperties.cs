using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Data;
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
    public bool Every_y_is_weight_times_x_plus_bias_in_float32(DatasetSpec spec)
    {
        var dataset = LineData.Line(spec);
        return dataset.X.ToArray().Zip(dataset.Y.ToArray()).All(p => p.Item2 == Line(p.Item1, (float)spec.Weight, (float)spec.Bias));
    }

    static float Line(float x, float weight, float bias)
    {
        var product = x * weight;
        return product + bias;
    }

    /// <summary><c>torch.arange(start, end, step)</c> has <c>ceil((end - start) / step)</c> elements, computed in double.</summary>
    [Property]
    public bool The_sample_count_is_what_torch_arange_gives(DatasetSpec spec) =>
        LineData.Line(spec).Count == (long)Math.Ceiling((spec.End - spec.Start) / spec.Step);

    [Property]
    public bool X_starts_at_start_and_climbs_by_step_staying_below_end(DatasetSpec spec)
    {
        var x = LineData.Line(spec).X.ToArray();
        var tolerance = 1e-5 * Math.Max(1, Math.Abs(spec.End));
        var onGrid = x.Select((value, i) => Math.Abs(value - (spec.Start + i * spec.Step)) <= tolerance).All(ok => ok);
        return x[0] == (float)spec.Start && onGrid && x.All(value => value < spec.End + tolerance);
    }

    /// <summary>The notebook's own numbers, from its printed output under PyTorch: 100 samples, y[1] = 0.9030.</summary>
    [Xunit.Fact]
    public void The_notebook_line_has_100_samples_from_0_to_0_99()
    {
        var dataset = LineData.Line(DatasetSpec.Notebook);
        Xunit.Assert.Equal(100, dataset.Count);
        Xunit.Assert.Equal("0.9030", dataset.Y[1].ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        Xunit.Assert.Equal("0.0100", dataset.X[1].ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
    }
}
