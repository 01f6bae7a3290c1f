using Functional.Tests.Shared;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Functional.Tests.Deploy;

/// <summary>What a per-model check needs beyond our own code.</summary>
public enum Reference
{
    /// <summary>Only ONNX Runtime, which the project references.</summary>
    None,

    /// <summary>Debian's python3-onnx, for onnx.checker.</summary>
    OnnxChecker,

    /// <summary>Debian's PyTorch and the model's PyTorch class, for torch.onnx.export.</summary>
    PyTorchClass,
}

/// <summary>
/// A theory over model keys whose rows are reported as skipped, each with the reason and what would turn it on, when
/// the model cannot be checked: a Forward the generator could not translate, a missing Python reference, or a model
/// with no PyTorch class yet. So declaring a model never turns the suite red, and adding its class turns the check on.
/// </summary>
[XunitTestCaseDiscoverer("Functional.Tests.Deploy.ModelTheoryDiscoverer", "Functional.Tests.Deploy")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ModelTheoryAttribute(Reference needs) : TheoryAttribute
{
    public Reference Needs { get; } = needs;
}

public sealed class ModelTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        var needs = theoryAttribute.GetConstructorArguments().OfType<Reference>().FirstOrDefault();
        return dataRow is [string key] && SkipReasons.For(key, needs) is { } reason
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}

internal static class SkipReasons
{
    static readonly Lazy<string?> OnnxMissing = new(() =>
        !File.Exists(PythonTorch.Python) ? $"{PythonTorch.Python} is not installed"
        : PythonTorch.Run("import onnx", []) is { ExitCode: 0 } ? null
        : $"{PythonTorch.Python} cannot import onnx (Debian: python3-onnx)");

    public static string? For(string key, Reference needs)
    {
        var spec = DeployModels.Find(key).Spec;
        if (spec.Forward.IsLeft)
            return $"model '{key}' has no forward graph ({spec.Forward.Match(Right: _ => "", Left: u => u.Describe())}), so it cannot be exported";
        if (DeployModels.FileIsReadAs(key) is { } other && other != key)
            return $"a file of model '{key}' is read as model '{other}', declared with the same state_dict keys and shapes " +
                   "(a model file does not name its model): give one of them other parameter names";
        return needs switch
        {
            Reference.OnnxChecker when OnnxMissing.Value is { } reason => $"ONNX checker unavailable: {reason}",
            Reference.PyTorchClass when PythonTorch.WhyUnavailable is { } reason => $"PyTorch reference unavailable: {reason}",
            Reference.PyTorchClass when DeployModels.PythonModuleOf(spec.ClassName).IsNone =>
                $"no PyTorch class '{spec.ClassName}' in tests/Shared/notebook_models.py: add one with the same parameters and forward " +
                $"to compare model '{key}' with torch.onnx.export",
            _ => null,
        };
    }
}
