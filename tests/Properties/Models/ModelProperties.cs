using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.Domain;
using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Formats;
using Functional.Models;
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

    static TorchModel Kind(string key) => ModelCatalog.Find(key).IfNone(() => throw new InvalidOperationException(key));

    /// <summary>
    /// PyTorch registers a module's own parameters in declaration order, then each sub-module's as <c>name.weight</c>,
    /// <c>name.bias</c>; the keys PyTorch itself printed for our three models are in Training/PyTorch/expected_runs.txt.
    /// </summary>
    [Theory]
    [MemberData(nameof(DeclaredModels))]
    public void A_generated_module_exposes_its_state_dict_under_PyTorchs_names_in_PyTorchs_order(string key)
    {
        var kind = Kind(key);
        using var module = kind.Create();
        var registered = module.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(registered, kind.Spec.StateDict.Keys.ToArray());
        Assert.Equal(registered, module.ToStateDict().Keys.ToArray());
        Assert.Equal(kind.Spec.StateDict.Parameters.Map(p => p.Shape.ToArray()).ToArray(), module.ToStateDict().Entries.Map(e => e.Value.Shape.ToArray()).ToArray());
    }

    static Arbitrary<float> AnyFloat() => ArbMap.Default.ArbFor<int>().Convert(BitConverter.Int32BitsToSingle, BitConverter.SingleToInt32Bits);

    /// <summary>Edge values shrink first: negative zero, subnormals, the largest and tiniest floats.</summary>
    static Gen<float> Values() => Gen.Frequency(
        (1, Gen.Elements(-0f, float.Epsilon, -float.Epsilon, 1e-39f, float.MaxValue, float.MinValue, 1e-30f, 3.4e37f)),
        (3, AnyFloat().Generator.Where(float.IsFinite)));

    /// <summary>
    /// For any finite parameter values, writing the state_dict in either format and loading it into a fresh module gives
    /// the same bits, and that module predicts exactly what the original predicts.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Save_then_load_gives_bit_identical_parameters_and_predictions() =>
        Prop.ForAll(Gen.Elements(ModelCatalog.All.ToArray()).ToArbitrary(), Gen.ArrayOf(Values(), 3).ToArbitrary(), Gen.Elements(ModelFileFormat.TorchSave, ModelFileFormat.Safetensors).ToArbitrary(), (kind, values, format) =>
        {
            var state = new StateDict(toSeq(kind.Spec.StateDict.Parameters.Select((p, i) => new StateEntry(p.Key, new ParameterValues(p.Shape, toSeq(Enumerable.Repeat(values[i % values.Length], (int)p.Shape.Fold(1L, (n, d) => n * d))).Strict())))).Strict());
            var bytes = format == ModelFileFormat.Safetensors ? SafetensorsFormat.Write(state, new Dictionary<string, string>()) : TorchSaveFormat.Write(state);
            var reloaded = ModelFile.Read(bytes, allowNonFinite: false).Map(l => l.StateDict);

            using var original = kind.Create();
            using var copy = kind.Create();
            Assert.True(original.LoadStateDict(state).IsSuccess);
            var loaded = reloaded.Bind(dict => copy.LoadStateDict(dict).ToFin());
            using var x = tensor(new[] { 0f, 0.5f, -2f, 1e-3f }, [4L, 1L]);
            return loaded.IsSucc
                   && Bits(copy.ToStateDict()).SequenceEqual(Bits(state))
                   && Bits(Predictions.Of(kind.Spec, copy, x)).SequenceEqual(Bits(Predictions.Of(kind.Spec, original, x)));
        });

    static int[] Bits(Fin<Floats> predictions) =>
        predictions.Match(Succ: p => p.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray(), Fail: e => throw new InvalidOperationException(e.Message));

    static Seq<int> Bits(StateDict dict) => dict.Entries.Bind(e => e.Value.Data).Map(BitConverter.SingleToInt32Bits);
}
