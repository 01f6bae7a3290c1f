using Microsoft.CodeAnalysis;
using Xunit;

namespace Functional.Tests.Generators;

public sealed class CompilationTests
{
    [Fact]
    public void Generated_code_for_all_samples_compiles_without_errors_or_warnings()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.AllDeclarations.Select(GeneratorHarness.Declaration).ToArray());

        Assert.Empty(run.Result.Diagnostics);
        var problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString());
        Assert.Empty(problems);
    }

    [Fact]
    public void Emits_one_file_per_model_plus_attributes_and_catalog()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.AllDeclarations.Select(GeneratorHarness.Declaration).ToArray());

        Assert.Equal(
            ["Microsoft.CodeAnalysis.EmbeddedAttribute.cs", "ModelAttributes.g.cs", "ModelCatalog.g.cs",
             "Samples.LinearLayerRegression.g.cs", "Samples.LinearRegression.g.cs", "Samples.QuadraticRegression.g.cs"],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_models_no_catalog_is_emitted()
    {
        var run = GeneratorHarness.Run("namespace Empty; public sealed record NotAModel(int Value);");

        Assert.DoesNotContain("ModelCatalog.g.cs", run.HintNames);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
