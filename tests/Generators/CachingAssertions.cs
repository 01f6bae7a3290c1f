using System.Collections;
using System.Reflection;
using Functional.Generators;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// What every generator run must satisfy for the incremental pipeline to pay off: run again on an equal compilation,
/// each tracked step gives equal outputs and reports them Cached or Unchanged, every source output is Cached, and no
/// step holds a compiler object (which would pin a whole compilation in memory and defeat the comparison).
/// </summary>
internal static class CachingAssertions
{
    /// <summary>Every step name the generator declares in <see cref="TrackingNames"/>.</summary>
    public static IReadOnlyList<string> TrackedSteps { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>The second run's steps all reused the first run's results, which hold only plain values.</summary>
    public static void SecondRunReusedEverything(GeneratorRunResult first, GeneratorRunResult second)
    {
        foreach (var name in TrackedSteps.Where(first.TrackedSteps.ContainsKey))
        {
            Assert.True(second.TrackedSteps.ContainsKey(name), $"step {name} ran the first time but not the second");
            var before = first.TrackedSteps[name];
            var after = second.TrackedSteps[name];
            Assert.Equal(before.Length, after.Length);
            for (var i = 0; i < before.Length; i++)
            {
                Assert.Equal(before[i].Outputs.Select(output => output.Value), after[i].Outputs.Select(output => output.Value));
                Assert.All(after[i].Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} ran again with reason {output.Reason}"));
                foreach (var output in before[i].Outputs.Concat(after[i].Outputs))
                {
                    HoldsNoCompilerObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    /// <summary>The named step's outputs after an edit: the same values, none of them re-made.</summary>
    public static void StepKeptItsOutputs(GeneratorRunResult first, GeneratorRunResult second, string step)
    {
        Assert.Equal(
            first.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Value),
            second.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Value));
        Assert.All(second.TrackedSteps[step].SelectMany(run => run.Outputs), output => Assert.True(
            output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"step {step} ran again with reason {output.Reason}"));
    }

    private static void HoldsNoCompilerObjects(object? node, string step, HashSet<object> visited)
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
                HoldsNoCompilerObjects(item, step, visited);
            }
            return;
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            HoldsNoCompilerObjects(field.GetValue(node), step, visited);
        }
    }
}
