using Functional.Domain.Settings;
using LanguageExt;
using LanguageExt.Common;
using static Functional.Domain.Settings.SettingChecks;
using static LanguageExt.Prelude;

namespace Functional.Domain.Data;

/// <summary>
/// A straight line <c>y = weight * x + bias</c> sampled at <c>arange(start, end, step)</c>, known to give between 2 and
/// <see cref="MaxSamples"/> samples: only <see cref="Create"/> (or <see cref="Notebook"/>) makes one.
/// </summary>
public sealed record DatasetSpec
{
    public double Weight { get; }
    public double Bias { get; }
    public double Start { get; }
    public double End { get; }
    public double Step { get; }

    /// <summary>How many samples <c>torch.arange(start, end, step)</c> gives: <c>ceil((end - start) / step)</c> in double.</summary>
    public int SampleCount { get; }

    DatasetSpec(double weight, double bias, double start, double end, double step, int sampleCount) =>
        (Weight, Bias, Start, End, Step, SampleCount) = (weight, bias, start, end, step, sampleCount);

    /// <summary>A dataset is held in arrays, which .NET caps a little under 2^31 elements.</summary>
    public const long MaxSamples = 1L << 30;

    /// <summary>The notebook's line: weight 0.3, bias 0.9, x in [0, 1) every 0.01.</summary>
    public static DatasetSpec Notebook { get; } = new(0.3, 0.9, 0.0, 1.0, 0.01, 100);

    /// <summary>
    /// Every number is checked on its own, in float32, the type the line is made in (1e300 is a finite double but no
    /// float32); the sample count, which needs all of them, only once they pass; then that the line's values
    /// <c>weight * x + bias</c>, computed in float32 as libtorch computes them, stay finite over the whole range.
    /// </summary>
    public static Validation<Error, DatasetSpec> Create(double weight, double bias, double start, double end, double step) =>
        (Float32("--weight", weight), Float32("--bias", bias), Float32("--start", start), Float32("--end", end), NonZeroFloat32("--step", step))
            .Apply((w, b, s, e, st) => new Numbers(w, b, s, e, st))
            .Bind(line => WithSampleCount(line.Weight, line.Bias, line.Start, line.End, line.Step))
            .Bind(StaysFinite);

    // A class, not a tuple: LanguageExt's generic code is then shared instead of compiled afresh at every start.
    sealed record Numbers(double Weight, double Bias, double Start, double End, double Step);

    static Validation<Error, DatasetSpec> WithSampleCount(double weight, double bias, double start, double end, double step)
    {
        if (Math.Sign(end - start) != Math.Sign(step))
            return Fail<Error, DatasetSpec>(Error.New(
                $"--step {Show(step)} never reaches --end {Show(end)} from --start {Show(start)}; use a step with the sign of end - start"));
        // Counted in double and compared before any conversion: 1 / 1e-30 samples would not fit in a long.
        var count = Math.Ceiling((end - start) / step);
        return count switch
        {
            < 2 => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(start)} --end {Show(end)} --step {Show(step)} gives {Show(count)} sample(s); at least 2 are needed, so make the step smaller")),
            > MaxSamples => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(start)} --end {Show(end)} --step {Show(step)} gives {Samples(count)} samples; at most {Samples(MaxSamples)} " +
                "can be held (as arrays of float32), so make the step larger or the range smaller")),
            _ => Success<Error, DatasetSpec>(new DatasetSpec(weight, bias, start, end, step, (int)count)),
        };
    }

    static string Samples(double count) => count < 1e15 ? count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : Show(count);

    /// <summary>
    /// <c>y = weight * x + bias</c> as libtorch computes it for float32 x: both products and the sum rounded to float32.
    /// Rounding is monotonic, so the largest |y| is at one end of the range; both ends are checked (the end itself is a
    /// little beyond the last sample, so this errs on the safe side).
    /// </summary>
    static Validation<Error, DatasetSpec> StaysFinite(DatasetSpec spec)
    {
        static float Y(double weight, double x, double bias) => (float)x * (float)weight + (float)bias;
        var overflowsAt = new[] { (spec.Start, "--start"), (spec.End, "--end") }.Where(end => !float.IsFinite(Y(spec.Weight, end.Item1, spec.Bias))).ToList();
        return overflowsAt.Count == 0
            ? Success<Error, DatasetSpec>(spec)
            : Fail<Error, DatasetSpec>(Error.New(
                $"--weight {Show(spec.Weight)} and --bias {Show(spec.Bias)} make y = weight * x + bias overflow float32 at x = {Show(overflowsAt[0].Item1)} " +
                $"({overflowsAt[0].Item2}); choose a smaller weight, bias or range, so that |y| stays below {Show(float.MaxValue)}"));
    }
}
