using ApprovalTests;
using ApprovalTests.Reporters;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>The generated source for each sample declaration, approved by a reviewer.</summary>
[UseReporter(typeof(QuietReporter))]
public sealed class SnapshotTests
{
    [Fact]
    public void LinearRegression_module() => VerifyModel("LinearRegression");

    [Fact]
    public void LinearLayerRegression_module() => VerifyModel("LinearLayerRegression");

    [Fact]
    public void QuadraticRegression_module() => VerifyModel("QuadraticRegression");

    [Fact]
    public void Catalog()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.AllDeclarations.Select(GeneratorHarness.Declaration).ToArray());
        Approvals.Verify(run.GeneratedSource("ModelCatalog.g.cs"));
    }

    private static void VerifyModel(string recordName)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Declaration(recordName + ".cs"));
        Approvals.Verify(run.GeneratedSource($"Samples.{recordName}.g.cs"));
    }
}
