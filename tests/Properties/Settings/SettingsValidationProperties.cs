using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Tests.Properties.Arbitraries;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Settings;

public sealed class SettingsValidationProperties
{
    static readonly Seq<ModelSpec> Models = Seq(
        new ModelSpec("parameters", "Affine", "Affine()", new StateDictSpec(Seq(new ParameterSpec("weight", Seq1(1L)), new ParameterSpec("bias", Seq1(1L)))),
            new ForwardGraph(Seq(new GraphNode(GraphOp.Multiply, Seq<GraphValue>(new GraphValue.Parameter("weight"), GraphValue.Input.Value), ""),
                new GraphNode(GraphOp.Add, Seq<GraphValue>(new GraphValue.Node(0), new GraphValue.Parameter("bias")), "")), new GraphValue.Node(1))),
        new ModelSpec("linear-layer", "Layer", "Layer()", new StateDictSpec(Seq<ParameterSpec>()), new UntranslatedForward("layer", "the layer")));

    static string[] Errors(SettingsInput input) =>
        RunSettings.Create(input, Models, MemoryBudget.Unlimited).Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToArray());

    [Property]
    public Property Every_invalid_field_gets_exactly_one_error_naming_its_flag() =>
        Prop.ForAll(SettingsArbitraries.BrokenSettings(), broken =>
        {
            var errors = Errors(broken.Input);
            var oneErrorEach = (errors.Length == broken.BrokenFlags.Count)
                .Label($"{errors.Length} errors for {broken.BrokenFlags.Count} broken fields: [{string.Join("; ", errors)}]");
            return broken.BrokenFlags.Fold(oneErrorEach, (all, flag) => all.And(OneErrorNaming(flag, errors)));
        });

    static Property OneErrorNaming(string flag, string[] errors) =>
        (errors.Count(m => m.StartsWith(flag + " ")) == 1).Label($"{flag}: not exactly one error naming it in [{string.Join("; ", errors)}]");

    [Xunit.Fact]
    public void The_notebook_settings_are_valid() =>
        Xunit.Assert.True(RunSettings.Create(SettingsInput.Notebook, Models, MemoryBudget.Unlimited).IsSuccess);

    [Xunit.Fact]
    public void A_step_that_gives_fewer_than_two_samples_is_rejected() =>
        Xunit.Assert.Equal(
            ["--start 0 --end 1 --step 5 gives 1 sample(s); at least 2 are needed, so make the step smaller"],
            Errors(SettingsInput.Notebook with { Step = 5 }));

    /// <summary>The train-split check needs a sample count, so it waits for a valid line instead of guessing one.</summary>
    [Xunit.Fact]
    public void A_train_split_is_weighed_against_the_sample_count_only_when_the_line_is_valid()
    {
        Xunit.Assert.Equal(
            ["--train-split 0.001 of 100 samples leaves 0 for training and 100 for testing; both need at least 1"],
            Errors(SettingsInput.Notebook with { TrainSplit = 0.001 }));
        Xunit.Assert.Equal(
            ["--step must be a non-zero number that float32, the type it is used in, can hold (between -3.4028235E+38 and 3.4028235E+38); got 0"],
            Errors(SettingsInput.Notebook with { Step = 0, TrainSplit = 0.001 }));
    }

    [Xunit.Fact]
    public void Fused_training_on_a_model_without_an_affine_forward_is_refused_naming_the_model() =>
        Xunit.Assert.Equal(
            ["--model 'linear-layer' (Layer) cannot train with --fused: its forward is not weight * x + bias over two one-element parameters"],
            Errors(SettingsInput.Notebook with { Model = "linear-layer", Fused = true }));

    [Xunit.Fact]
    public void Valid_settings_carry_the_step_the_flags_ask_for()
    {
        StepKind StepOf(SettingsInput input) =>
            RunSettings.Create(input, Models, MemoryBudget.Unlimited).Match(s => s.Training.Step, _ => throw new InvalidOperationException());
        Xunit.Assert.IsType<StepKind.FullBatch>(StepOf(SettingsInput.Notebook));
        Xunit.Assert.Equal(new StepKind.MiniBatch(16), StepOf(SettingsInput.Notebook with { BatchSize = 16 }));
        Xunit.Assert.Equal(new StepKind.MiniBatch(80), StepOf(SettingsInput.Notebook with { BatchSize = 80 }));
        Xunit.Assert.Equal(new StepKind.FusedAffine(new AffineForm("weight", "bias")), StepOf(SettingsInput.Notebook with { Fused = true }));
        Xunit.Assert.Equal(new StepKind.FusedMiniBatch(new AffineForm("weight", "bias"), 16), StepOf(SettingsInput.Notebook with { Fused = true, BatchSize = 16 }));
    }

    /// <summary>Invalid input never becomes settings, so nothing is trained: a model factory that throws is never called.</summary>
    [Property]
    public Property Nothing_is_trained_when_the_settings_are_invalid() =>
        Prop.ForAll(SettingsArbitraries.InvalidSettings(), broken =>
        {
            var untouchable = Models.Map(spec =>
                new TorchModel(spec, () => throw new InvalidOperationException("a model was built from invalid settings")));
            return RunSettings.Create(broken.Input, Models, MemoryBudget.Unlimited).ToFin()
                .Bind(settings => NotebookWorkflow.Run(settings, untouchable, ComputeDevice.Cpu))
                .IsFail;
        });
}
