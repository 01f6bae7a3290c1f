using Microsoft.CodeAnalysis;
using Xunit;

namespace Functional.Tests.Generators;

public sealed class CompilationTests
{
    [Fact]
    public void Generated_code_for_all_samples_compiles_without_errors_or_warnings()
    {
        var run = GeneratorHarness.Run(SampleDeclarations.All);

        Assert.Empty(run.Result.Diagnostics);
        var problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString());
        Assert.Empty(problems);
    }

    [Fact]
    public void Emits_one_file_per_model_plus_attributes_and_catalog()
    {
        var run = GeneratorHarness.Run(SampleDeclarations.All);

        Assert.Equal(
            ["Microsoft.CodeAnalysis.EmbeddedAttribute.cs", "ModelAttributes.g.cs", "ModelCatalog.g.cs",
             "Samples.Layer.g.cs", "Samples.Line.g.cs", "Samples.Mlp.g.cs", "Samples.Parabola.g.cs"],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_catalog_lists_the_models_by_key_with_their_class_names_and_state_dicts()
    {
        var specs = GeneratorHarness.Run(SampleDeclarations.All).Specs();

        Assert.Equal(["layer", "line", "mlp-sample", "parabola"], specs.Map(spec => spec.Key).ToArray());
        Assert.Equal(["LayerModel", "LineModel", "MlpModel", "ParabolaModel"], specs.Map(spec => spec.ClassName).ToArray());
        Assert.Equal(["a [1]", "b_values [2, 1]"], specs[3].StateDict.Parameters.Map(p => $"{p.Key} {p.ShapeText}").ToArray());
        Assert.Equal(["dense.weight [2, 3]", "dense.bias [2]"], specs[0].StateDict.Parameters.Map(p => $"{p.Key} {p.ShapeText}").ToArray());
    }

    [Fact]
    public void Without_models_no_catalog_is_emitted()
    {
        var run = GeneratorHarness.Run("namespace Empty; public sealed record NotAModel(int Value);");

        Assert.DoesNotContain("ModelCatalog.g.cs", run.HintNames);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
