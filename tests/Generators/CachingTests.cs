using Functional.Generators;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// Edits that leave the models unchanged re-emit nothing. (Every other test's run is also made twice and checked for
/// caching: see <see cref="GeneratorHarness.Run(string[])"/>.)
/// </summary>
public sealed class CachingTests
{
    const string BadModel = """
        using Functional.Domain.Tensors;
        using Functional.Generators;
        namespace Bad;
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(0)] ParameterValues Weight);
        """;

    public static TheoryData<string> Inputs => new() { "samples", "bad" };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void An_unrelated_new_file_reruns_no_step_and_emits_nothing_again(string input)
    {
        var compilation = GeneratorHarness.Compilation(input == "samples" ? SampleDeclarations.All : [BadModel]);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Tree("namespace Unrelated; public sealed class Edit { }", 99));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(CachingAssertions.TrackedSteps, second.TrackedSteps.ContainsKey);
        CachingAssertions.SecondRunReusedEverything(first, second);
    }

    /// <summary>
    /// The emit model carries no location: moving a declaration down its file (here, below a new comment and blank
    /// lines) changes where its diagnostics would point, but not the model, so no source is written again.
    /// </summary>
    [Fact]
    public void Moving_a_declaration_within_its_file_emits_nothing_again()
    {
        var compilation = GeneratorHarness.Compilation(SampleDeclarations.All);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var original = compilation.SyntaxTrees.First();
        var moved = original.WithChangedText(original.GetText().Replace(0, 0, "// moved down\n\n\n"));

        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(original, moved)).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.ParsedModels].SelectMany(step => step.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        CachingAssertions.StepKeptItsOutputs(first, second, TrackingNames.ValidModels);
        CachingAssertions.StepKeptItsOutputs(first, second, TrackingNames.Catalog);
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"a source output ran again with reason {output.Reason}"));
        Assert.Equal(first.GeneratedSources.Select(source => source.SourceText.ToString()),
            second.GeneratedSources.Select(source => source.SourceText.ToString()));
    }
}
