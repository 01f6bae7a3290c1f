using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.TorchAdapter.Data;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Settings;

/// <summary>
/// Flags are checked in the type they are used in (issue 11, classes 8 and 9): float32 for the line and the learning
/// rate, and the dataset against the memory the shell reports available.
/// </summary>
public sealed class Float32AndMemoryProperties
{
    static readonly Seq<ModelSpec> Models = Functional.Models.ModelCatalog.Specs;

    static string[] Errors(SettingsInput input, MemoryBudget memory) =>
        RunSettings.Create(input, Models, memory).Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToArray());

    static readonly (string Flag, Func<SettingsInput, double, SettingsInput> Set)[] FloatFlags =
    [
        ("--weight", (s, v) => s with { Weight = v }),
        ("--bias", (s, v) => s with { Bias = v }),
        ("--start", (s, v) => s with { Start = v }),
        ("--end", (s, v) => s with { End = v }),
        ("--step", (s, v) => s with { Step = v }),
        ("--lr", (s, v) => s with { LearningRate = v }),
    ];

    /// <summary>Finite doubles too large for float32: from just past float.MaxValue (rounding included) to double.MaxValue.</summary>
    static Gen<double> BeyondFloat32 =>
        from exponent in Gen.Choose(0, 10_000)
        from negative in ArbMap.Default.GeneratorFor<bool>()
        let magnitude = Math.Min(double.MaxValue, 3.40282357e38 * Math.Pow(10, exponent * (308.2 - 38.53) / 10_000))
        select negative ? -magnitude : magnitude;

    [Property]
    public Property A_finite_double_beyond_float32_is_one_error_naming_its_flag_and_float32() =>
        Prop.ForAll(Gen.Choose(0, FloatFlags.Length - 1).ToArbitrary(), BeyondFloat32.ToArbitrary(), (which, value) =>
        {
            var (flag, set) = FloatFlags[which];
            var errors = Errors(set(SettingsInput.Notebook, value), MemoryBudget.Unlimited);
            return (errors.Length == 1 && errors[0].StartsWith(flag + " ") && errors[0].Contains("float32")).Label(string.Join(" | ", errors));
        });

    [Property]
    public Property A_learning_rate_that_rounds_to_zero_in_float32_is_refused() =>
        Prop.ForAll(Gen.Choose(46, 320).ToArbitrary(), exponent =>
        {
            var errors = Errors(SettingsInput.Notebook with { LearningRate = Math.Pow(10, -exponent) }, MemoryBudget.Unlimited);
            return errors.Length == 1 && errors[0].StartsWith("--lr ");
        });

    /// <summary>Weights and biases of any float32 size over ranges of up to 1000 samples.</summary>
    static Gen<SettingsInput> LargeLines =>
        from weightExponent in Gen.Choose(-5, 38)
        from biasExponent in Gen.Choose(-5, 38)
        from startExponent in Gen.Choose(-3, 38)
        from samples in Gen.Choose(2, 1000)
        from signs in Gen.Choose(0, 7)
        let weight = ((signs & 1) == 0 ? 1 : -1) * 3.3 * Math.Pow(10, weightExponent)
        let bias = ((signs & 2) == 0 ? 1 : -1) * 3.3 * Math.Pow(10, biasExponent)
        let start = ((signs & 4) == 0 ? 1 : -1) * 1.7 * Math.Pow(10, startExponent)
        select SettingsInput.Notebook with { Weight = weight, Bias = bias, Start = start, End = start + Math.Abs(start), Step = Math.Abs(start) / samples };

    [Property(MaxTest = 200)]
    public Property A_line_the_check_accepts_is_finite_everywhere_when_libtorch_makes_it() =>
        Prop.ForAll(LargeLines.ToArbitrary(), input =>
            RunSettings.Create(input, Models, MemoryBudget.Unlimited).Match(
                Succ: settings =>
                {
                    var line = LineData.Line(settings.Data);
                    return (line.X.ToArray().All(float.IsFinite) && line.Y.ToArray().All(float.IsFinite))
                        .Label($"accepted, but libtorch made a non-finite y: weight {input.Weight} bias {input.Bias} x from {input.Start} to {input.End}");
                },
                Fail: errors => errors.ForAll(e => e.Message.Contains("overflow float32") || e.Message.Contains("sample"))
                    .Label(string.Join(" | ", errors.Map(e => e.Message)))));

    [Xunit.Fact]
    public void The_line_check_refuses_a_weight_that_overflows_at_the_end_of_the_range() =>
        Xunit.Assert.Equal(
            ["--weight 1E+38 and --bias 0.9 make y = weight * x + bias overflow float32 at x = 10 (--end); choose a smaller weight, bias or range, so that |y| stays below 3.4028235E+38"],
            Errors(SettingsInput.Notebook with { Weight = 1e38, End = 10, Step = 0.5 }, MemoryBudget.Unlimited));

    static Gen<(long Samples, MemoryBudget Memory, bool MiniBatch)> SizesAndBudgets =>
        from exponent in Gen.Choose(1, 9)
        from budgetMiB in Gen.Choose(64, 64 * 1024)
        from miniBatch in ArbMap.Default.GeneratorFor<bool>()
        select ((long)Math.Pow(10, exponent), new MemoryBudget(budgetMiB * (1L << 20)), miniBatch);

    [Property]
    public Property A_dataset_is_refused_exactly_when_it_needs_more_than_the_budget_and_the_refusal_names_the_way_out() =>
        Prop.ForAll(SizesAndBudgets.ToArbitrary(), sizes =>
        {
            var input = SettingsInput.Notebook with { Start = 0, End = 1, Step = 1.0 / sizes.Samples, BatchSize = sizes.MiniBatch ? Some(32) : None };
            var step = sizes.MiniBatch ? new StepKind.MiniBatch(32) : (StepKind)new StepKind.FullBatch();
            var count = Data(input).SampleCount;
            var fits = MemoryBudget.Needed(count, step) <= sizes.Memory.AvailableBytes;
            var errors = Errors(input, sizes.Memory);
            return fits
                ? (errors.Length == 0).Label(string.Join(" | ", errors))
                : (errors.Length == 1 && errors[0].Contains("is available") && errors[0].Contains(sizes.MiniBatch ? "smaller range" : "--batch-size"))
                    .Label(string.Join(" | ", errors));
        });

    [Xunit.Fact]
    public void More_samples_than_an_array_can_hold_are_refused_even_with_unlimited_memory_and_counted_without_overflow()
    {
        Xunit.Assert.Contains("at most 1,073,741,824", Xunit.Assert.Single(Errors(SettingsInput.Notebook with { Step = 1e-10 }, MemoryBudget.Unlimited)));
        Xunit.Assert.Matches(@"gives 9\.9+E\+29 samples; at most", Xunit.Assert.Single(Errors(SettingsInput.Notebook with { Step = 1e-30 }, MemoryBudget.Unlimited)));
    }

    static DatasetSpec Data(SettingsInput input) =>
        DatasetSpec.Create(input.Weight, input.Bias, input.Start, input.End, input.Step).Match(Succ: d => d, Fail: e => throw new InvalidOperationException(e.Head.Message));
}
