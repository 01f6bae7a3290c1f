using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Formats;
using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Models;
using Functional.Tests.Properties.Arbitraries;
using Functional.Tests.Shared.Arbitraries;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.Tests.Properties.Models;

public sealed class ModelProperties
{
    public static TheoryData<string> DeclaredModels() => new(ModelCatalog.Keys);

    static TorchModel Declared(string key) => ModelCatalog.Find(key).IfNone(() => throw new InvalidOperationException(key));

    /// <summary>
    /// The generated module registers its parameters under the keys, in the order and with the shapes its spec declares, and
    /// its state_dict lists them the same way. That the spec's keys are PyTorch's is checked against PyTorch's own output
    /// (LivePyTorchTrainingProperties compares every declared model's printed state_dict with PyTorch's).
    /// </summary>
    [Theory]
    [MemberData(nameof(DeclaredModels))]
    public void A_generated_module_registers_and_lists_its_parameters_as_its_spec_declares(string key)
    {
        var declared = Declared(key);
        using var module = declared.Create();
        var registered = module.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(registered, declared.Spec.StateDict.Keys.ToArray());
        Assert.Equal(registered, module.ToStateDict().Keys.ToArray());
        var declaredShapes = declared.Spec.StateDict.Parameters.Map(p => p.Shape.ToArray()).ToArray();
        Assert.Equal(declaredShapes, module.ToStateDict().Entries.Map(e => e.Value.Shape.ToArray()).ToArray());
    }

    /// <summary>
    /// For any finite parameter values (the awkward ones included), writing the state_dict in either format and loading it
    /// into a fresh module gives the same bits, and that module predicts exactly what the original predicts.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Save_then_load_gives_bit_identical_parameters_and_predictions() =>
        Prop.ForAll(
            ModelArbitraries.DeclaredModel(), Gen.ArrayOf(Float32Arbitraries.Finite, 3).ToArbitrary(), ModelArbitraries.ModelFileFormat(),
            (declared, values, format) =>
            {
                var state = StateDictFilledWith(declared.Spec, values);
                var bytes = format == ModelFileFormat.Safetensors
                    ? SafetensorsFormat.Write(state, new Dictionary<string, string>())
                    : TorchSaveFormat.Write(state);
                var reloaded = ModelFile.Read(bytes, allowNonFinite: false).Map(l => l.StateDict);

                using var original = declared.Create();
                using var copy = declared.Create();
                Assert.True(original.LoadStateDict(state).IsSuccess);
                var loaded = reloaded.Bind(dict => copy.LoadStateDict(dict).ToFin());
                using var x = tensor(new[] { 0f, 0.5f, -2f, 1e-3f }, [4L, 1L]);
                return loaded.IsSucc.Label(loaded.Match(Succ: _ => "", Fail: e => $"loading failed: {e.Message}"))
                    .And(Bits(copy.ToStateDict()).SequenceEqual(Bits(state)).Label("the reloaded parameters differ"))
                    .And(Bits(Predictions.Of(declared.Spec, copy, x)).SequenceEqual(Bits(Predictions.Of(declared.Spec, original, x)))
                        .Label("the reloaded model predicts differently"))
                    .Label($"model '{declared.Spec.Key}' saved as {format}");
            });

    /// <summary>The spec's state_dict with every entry filled with one of the values, in turn.</summary>
    static StateDict StateDictFilledWith(ModelSpec spec, float[] values) =>
        new(toSeq(spec.StateDict.Parameters.Select((p, i) => new StateEntry(p.Key, Filled(p.Shape, values[i % values.Length])))).Strict());

    static ParameterValues Filled(Seq<long> shape, float value) =>
        new(shape, toSeq(Enumerable.Repeat(value, ElementCount(shape))).Strict());

    static int ElementCount(Seq<long> shape) => (int)shape.Fold(1L, (n, d) => n * d);

    static int[] Bits(Fin<Floats> predictions) =>
        predictions.Match(
            Succ: p => p.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray(),
            Fail: e => throw new InvalidOperationException(e.Message));

    static Seq<int> Bits(StateDict dict) => dict.Entries.Bind(e => e.Value.Data).Map(BitConverter.SingleToInt32Bits);
}
