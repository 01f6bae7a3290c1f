using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Settings;

public sealed class SettingsValidationProperties
{
    static readonly Seq<string> ModelKeys = Seq("parameters", "linear-layer");

    /// <summary>A field to break, the flag its error must name, and how to break it.</summary>
    sealed record Breakage(string Flag, Func<RunSettings, RunSettings> Break);

    static readonly Seq<Breakage> Breakages = Seq(
        new Breakage("--weight", s => s with { Data = s.Data with { Weight = double.NaN } }),
        new Breakage("--bias", s => s with { Data = s.Data with { Bias = double.PositiveInfinity } }),
        new Breakage("--start", s => s with { Data = s.Data with { Start = double.NaN } }),
        new Breakage("--end", s => s with { Data = s.Data with { End = double.NegativeInfinity } }),
        new Breakage("--step", s => s with { Data = s.Data with { Step = 0 } }),
        new Breakage("--train-split", s => s with { TrainSplit = 1.5 }),
        new Breakage("--epochs", s => s with { Training = s.Training with { Epochs = -1 } }),
        new Breakage("--lr", s => s with { Training = s.Training with { LearningRate = double.NaN } }),
        new Breakage("--eval-every", s => s with { Training = s.Training with { EvalEvery = 0 } }),
        new Breakage("--batch-size", s => s with { Training = s.Training with { BatchSize = 0 } }),
        new Breakage("--model", s => s with { ModelKey = "cubic" }),
        new Breakage("--fused", s => s with { Training = s.Training with { Fused = true, Optimizer = Functional.Domain.Training.OptimizerKind.Adam } }));

    static Arbitrary<bool[]> WhichToBreak() =>
        ArbMap.Default.ArbFor<bool[]>().Convert(
            flags => Enumerable.Range(0, Breakages.Count).Select(i => i < flags.Length && flags[i]).ToArray(),
            chosen => chosen);

    [Property]
    public Property Every_invalid_field_gets_exactly_one_error_naming_its_flag() =>
        Prop.ForAll(WhichToBreak(), chosen =>
        {
            var broken = Breakages.Zip(toSeq(chosen)).Filter(p => p.Item2).Map(p => p.Item1);
            var settings = broken.Fold(RunSettings.Notebook, (s, b) => b.Break(s));
            var errors = SettingsValidation.Validate(settings, ModelKeys).Match(Succ: _ => Seq<string>(), Fail: e => e.Map(x => x.Message));
            return errors.Count == broken.Count
                   && broken.ForAll(b => errors.Count(m => m.StartsWith(b.Flag + " ")) == 1);
        });

    [Xunit.Fact]
    public void The_notebook_settings_are_valid() =>
        Xunit.Assert.True(SettingsValidation.Validate(RunSettings.Notebook, ModelKeys).IsSuccess);

    [Xunit.Fact]
    public void A_step_that_gives_fewer_than_two_samples_is_rejected()
    {
        var settings = RunSettings.Notebook with { Data = DatasetSpec.Notebook with { Step = 5 } };
        Xunit.Assert.True(SettingsValidation.Validate(settings, ModelKeys).IsFail);
    }

    /// <summary>The workflow validates before it builds anything: a model factory that throws is never called.</summary>
    [Property]
    public Property Nothing_is_trained_when_the_settings_are_invalid() =>
        Prop.ForAll(WhichToBreak().Filter(chosen => chosen.Any(b => b)), chosen =>
        {
            var broken = Breakages.Zip(toSeq(chosen)).Filter(p => p.Item2).Map(p => p.Item1);
            var settings = broken.Fold(RunSettings.Notebook, (s, b) => b.Break(s));
            var untouchable = ModelKeys.Map(key => new TorchModel(new ModelSpec(key, "Untouchable", "Untouchable()", new StateDictSpec(Seq<ParameterSpec>()), None),
                () => throw new InvalidOperationException("a model was built from invalid settings")));
            return NotebookWorkflow.Run(settings, untouchable, TorchSharp.torch.CPU).IsFail;
        });
}
