using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Arbitraries;

/// <summary>The notebook's settings with some fields broken, and the flags whose errors must name them.</summary>
public sealed record BrokenSettings(SettingsInput Input, Seq<string> BrokenFlags)
{
    public override string ToString() => $"broken: {(BrokenFlags.IsEmpty ? "nothing" : string.Join(" ", BrokenFlags))}";
}

public static class SettingsArbitraries
{
    /// <summary>A field to break, the flag its error must name, and how to break it.</summary>
    sealed record Breakage(string Flag, Func<SettingsInput, SettingsInput> Break);

    static readonly Seq<Breakage> Breakages = Seq(
        new Breakage("--weight", s => s with { Weight = double.NaN }),
        new Breakage("--bias", s => s with { Bias = double.PositiveInfinity }),
        new Breakage("--start", s => s with { Start = double.NaN }),
        new Breakage("--end", s => s with { End = double.NegativeInfinity }),
        new Breakage("--step", s => s with { Step = 0 }),
        new Breakage("--train-split", s => s with { TrainSplit = 1.5 }),
        new Breakage("--epochs", s => s with { Epochs = -1 }),
        new Breakage("--lr", s => s with { LearningRate = double.NaN }),
        new Breakage("--eval-every", s => s with { EvalEvery = 0 }),
        new Breakage("--batch-size", s => s with { BatchSize = 0 }),
        new Breakage("--model", s => s with { Model = "no-such-model" }),
        new Breakage("--fused", s => s with { Fused = true, Optimizer = OptimizerKind.Adam }));

    /// <summary>Any subset of the breakages (none included), applied to the notebook's settings; shrinks towards fewer.</summary>
    public static Arbitrary<BrokenSettings> BrokenSettings() =>
        ArbMap.Default.ArbFor<bool[]>().Convert(
            flags => Broken(Enumerable.Range(0, Breakages.Count).Select(i => i < flags.Length && flags[i]).ToArray()),
            broken => Breakages.Map(b => broken.BrokenFlags.Contains(b.Flag)).ToArray());

    /// <summary>At least one field broken.</summary>
    public static Arbitrary<BrokenSettings> InvalidSettings() => BrokenSettings().Filter(broken => !broken.BrokenFlags.IsEmpty);

    static BrokenSettings Broken(bool[] chosen)
    {
        var breakages = Breakages.Zip(toSeq(chosen)).Filter(p => p.Item2).Map(p => p.Item1).Strict();
        return new BrokenSettings(breakages.Fold(SettingsInput.Notebook, (s, b) => b.Break(s)), breakages.Map(b => b.Flag).Strict());
    }
}
