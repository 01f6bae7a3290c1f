using System.Collections;
using System.Reflection;
using Functional.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>An unrelated edit must not re-run any tracked step, and no step may hold compiler objects.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    public static TheoryData<string> Inputs => new()
    {
        "samples",
        "bad",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_tracked_step_is_cached_after_an_unrelated_edit(string input)
    {
        var compilation = GeneratorHarness.Compilation(Sources(input));
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();

        var edited = compilation.Clone().AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Unrelated; public sealed class Edit { }", new CSharpParseOptions(LanguageVersion.Latest), path: "Edit.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(TrackedSteps, second.TrackedSteps.ContainsKey);
        foreach (var name in TrackedSteps.Where(first.TrackedSteps.ContainsKey))
        {
            Assert.Equal(
                first.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Value),
                second.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Value));
            var reasons = second.TrackedSteps[name].SelectMany(step => step.Outputs).Select(output => output.Reason);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name} re-ran with reason {reason}"));
            foreach (var output in first.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                AssertHoldsNoCompilerObjects(output.Value, name, []);
            }
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    private static string[] Sources(string input) => input == "samples"
        ? GeneratorHarness.AllDeclarations.Select(GeneratorHarness.Declaration).ToArray()
        : ["""
            using Functional.Domain.Tensors;
            using Functional.Generators;
            namespace Bad;
            [Model("M", Key = "m")]
            public sealed partial record M([Parameter(0)] ParameterValues Weight);
            """];

    private static void AssertHoldsNoCompilerObjects(object? node, string step, HashSet<object> visited)
    {
        if (node is null || !visited.Add(node))
        {
            return;
        }
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"step {step} holds a {node.GetType().Name}, which pins the compilation and breaks caching");
        var type = node.GetType();
        if (type.IsPrimitive || type.IsEnum || node is string)
        {
            return;
        }
        if (node is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoCompilerObjects(item, step, visited);
            }
            return;
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(node), step, visited);
        }
    }
}
