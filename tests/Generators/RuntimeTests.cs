using Functional.Domain.Tensors;
using Functional.Models;
using TorchSharp;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// The generated modules behave like the notebook's PyTorch modules. One class, so its tests run one at a
/// time: torch.manual_seed sets process-wide state.
/// </summary>
public sealed class RuntimeTests
{
    [Fact]
    public void Seed_42_gives_the_notebook_parameters()
    {
        torch.manual_seed(42);
        using var module = new LinearRegressionModule();

        var record = module.ToRecord();

        Assert.Equal(0.33669037f, record.Weight.Data.Single(), 7);
        Assert.Equal(0.1288094f, record.Bias.Data.Single(), 7);
    }

    [Fact]
    public void State_dict_keys_follow_PyTorch()
    {
        using var parameters = new LinearRegressionModule();
        using var layer = new LinearLayerRegressionModule();

        Assert.Equal(new[] { "weight", "bias" }, parameters.ToStateDict().Keys);
        Assert.Equal(new[] { "linear_layer.weight", "linear_layer.bias" }, layer.ToStateDict().Keys);
        Assert.Equal(new[] { new[] { 1L, 1L }, new[] { 1L } }, layer.ToStateDict().Entries.Map(entry => entry.Value.Shape.ToArray()));
        Assert.Equal(layer.Spec.Keys, layer.ToStateDict().Keys);
    }

    [Fact]
    public void TorchSharp_registers_the_parameters_under_the_same_names()
    {
        using var layer = new LinearLayerRegressionModule();

        Assert.Equal(["linear_layer.weight", "linear_layer.bias"], layer.named_parameters().Select(pair => pair.name));
    }

    [Fact]
    public void State_dict_and_record_are_detached_copies()
    {
        using var module = new LinearRegressionModule();
        var stateBefore = module.ToStateDict();
        var recordBefore = module.ToRecord();

        var loaded = module.LoadStateDict(StateDictOf(
            new StateEntry("weight", ParameterValues.Scalar(5f)),
            new StateEntry("bias", ParameterValues.Scalar(6f))));

        Assert.True(loaded.IsSuccess);
        Assert.NotEqual(5f, stateBefore.Find("weight").Map(v => v.Data.Single()).IfNone(float.NaN));
        Assert.NotEqual(5f, recordBefore.Weight.Data.Single());
        Assert.Equal(5f, module.ToRecord().Weight.Data.Single());
    }

    [Fact]
    public void Load_refuses_a_wrong_shape_and_names_missing_and_unexpected_keys()
    {
        using var module = new LinearRegressionModule();

        var loaded = module.LoadStateDict(StateDictOf(
            new StateEntry("weight", ParameterValues.Of([1f, 2f, 3f], 3)),
            new StateEntry("slope", ParameterValues.Scalar(1f))));

        var messages = loaded.Match(_ => [], errors => errors.Map(error => error.Message).ToArray());
        Assert.Contains(messages, m => m.Contains("shape mismatch for 'weight'") && m.Contains("[3]") && m.Contains("[1]"));
        Assert.Contains(messages, m => m.Contains("missing key 'bias'"));
        Assert.Contains(messages, m => m.Contains("unexpected key 'slope'"));
    }

    [Fact]
    public void Record_to_module_and_back_keeps_the_values()
    {
        var record = new LinearLayerRegression(new LinearValues(ParameterValues.Of([0.7f], 1, 1), ParameterValues.Scalar(0.3f)));

        var roundTrip = record.ToModule().Map(module =>
        {
            using (module)
            {
                return module.ToRecord();
            }
        });

        Assert.Equal(record, roundTrip.Match(r => r, _ => throw new InvalidOperationException("load failed")));
    }

    [Fact]
    public void Record_to_module_checks_shapes()
    {
        var record = new LinearRegression(ParameterValues.Of([1f, 2f, 3f], 3), ParameterValues.Scalar(0f));

        var module = record.ToModule();

        Assert.True(module.IsFail);
    }

    [Fact]
    public void Forward_computes_the_declared_function()
    {
        var record = new QuadraticRegression(ParameterValues.Scalar(2f), ParameterValues.Scalar(3f), ParameterValues.Scalar(4f));
        using var module = record.ToModule().Match(m => m, _ => throw new InvalidOperationException("load failed"));
        using var x = torch.tensor(new[] { 2f });

        using var y = module.call(x);

        Assert.Equal(2f * 4f + 3f * 2f + 4f, y.item<float>());
    }

    [Fact]
    public void ToString_matches_PyTorch_repr()
    {
        using var parameters = new LinearRegressionModule();
        using var layer = new LinearLayerRegressionModule();

        Assert.Equal("LinearRegressionModel()", parameters.ToString());
        Assert.Equal(
            "LinearRegressionModelV2(\n  (linear_layer): Linear(in_features=1, out_features=1, bias=True)\n)",
            layer.ToString());
    }

    /// <summary>
    /// The catalog is derived from the declarations: one entry per generated module of Functional.Models (found here by
    /// reflection, not listed), ordered by key, each found by its key and creating its own module.
    /// </summary>
    [Fact]
    public void The_catalog_lists_every_declared_model_once_by_key()
    {
        var modules = typeof(ModelCatalog).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Functional.TorchAdapter.Models.ModelModule)) && !type.IsAbstract)
            .ToList();

        Assert.Equal(modules.Count, ModelCatalog.All.Count);
        Assert.Equal(ModelCatalog.Keys.OrderBy(key => key, StringComparer.Ordinal), ModelCatalog.Keys);
        Assert.Equal(ModelCatalog.Keys.Count, ModelCatalog.Keys.Distinct().Count());
        foreach (var key in ModelCatalog.Keys)
        {
            var model = ModelCatalog.Find(key).IfNone(() => throw new InvalidOperationException(key));
            using var created = model.Create();
            Assert.Contains(created.GetType(), modules);
            Assert.Equal(model.Spec.StateDict.Keys, created.ToStateDict().Keys);
        }
    }

    // LanguageExt 4's Seq is an immutable struct with an Add that returns a new Seq, so a collection
    // expression targeting Seq silently builds an empty one: build it from an array instead.
    private static StateDict StateDictOf(params StateEntry[] entries) => new(LanguageExt.Prelude.toSeq(entries));
}
