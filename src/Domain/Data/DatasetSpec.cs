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

    /// <summary>Every number is checked on its own; the sample count, which needs all of them, only once they pass.</summary>
    public static Validation<Error, DatasetSpec> Create(double weight, double bias, double start, double end, double step) =>
        (Finite("--weight", weight), Finite("--bias", bias), Finite("--start", start), Finite("--end", end), NonZeroFinite("--step", step))
            .Apply((w, b, s, e, st) => new Numbers(w, b, s, e, st))
            .Bind(line => WithSampleCount(line.Weight, line.Bias, line.Start, line.End, line.Step));

    // A class, not a tuple: LanguageExt's generic code is then shared instead of compiled afresh at every start.
    sealed record Numbers(double Weight, double Bias, double Start, double End, double Step);

    static Validation<Error, DatasetSpec> WithSampleCount(double weight, double bias, double start, double end, double step)
    {
        if (Math.Sign(end - start) != Math.Sign(step))
            return Fail<Error, DatasetSpec>(Error.New(
                $"--step {Show(step)} never reaches --end {Show(end)} from --start {Show(start)}; use a step with the sign of end - start"));
        var count = (long)Math.Ceiling((end - start) / step);
        return count switch
        {
            < 2 => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(start)} --end {Show(end)} --step {Show(step)} gives {count} sample(s); at least 2 are needed, so make the step smaller")),
            > MaxSamples => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(start)} --end {Show(end)} --step {Show(step)} gives {count} samples; at most {MaxSamples} fit in memory here, so make the step larger")),
            _ => Success<Error, DatasetSpec>(new DatasetSpec(weight, bias, start, end, step, (int)count)),
        };
    }
}
