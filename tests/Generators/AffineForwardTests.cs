using Functional.Generators;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>Which declarations the generator marks as <c>weight * x + bias</c>, the form training can step analytically.</summary>
public sealed class AffineForwardTests
{
    private const string Usings = """
        using Functional.Domain.Tensors;
        using Functional.Generators;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Affine;

        """;

    [Theory]
    [InlineData("[Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias", "Tensor weight, Tensor bias", "=> weight * x + bias;", "weight", "bias")]
    [InlineData("[Parameter(1)] ParameterValues Slope, [Parameter(1)] ParameterValues Intercept", "Tensor slope, Tensor intercept", "=> x * slope + intercept;", "slope", "intercept")]
    [InlineData("[Parameter(1)] ParameterValues B, [Parameter(1)] ParameterValues A", "Tensor b, Tensor a", "=> a * x + b;", "a", "b")]
    [InlineData("[Parameter(1)] ParameterValues Weight, [Parameter(1, Name = \"offset\")] ParameterValues Bias", "Tensor weight, Tensor bias", "{ return weight * x + bias; }", "weight", "offset")]
    public void A_forward_of_the_form_p_times_x_plus_q_names_its_slope_and_intercept(string components, string parameters, string body, string weight, string bias) =>
        Assert.Equal((weight, bias), AffineKeysOf(components, parameters, body));

    [Theory]
    [InlineData("[Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B", "Tensor a, Tensor b", "=> a * x * x + b;")]
    [InlineData("[Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B", "Tensor a, Tensor b", "=> a * x - b;")]
    [InlineData("[Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B", "Tensor a, Tensor b", "=> (a * x) + b;")]
    [InlineData("[Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B", "Tensor a, Tensor b", "=> a * x + a;")]
    [InlineData("[Parameter(2)] ParameterValues A, [Parameter(1)] ParameterValues B", "Tensor a, Tensor b", "=> a * x + b;")]
    [InlineData("[Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B, [Parameter(1)] ParameterValues C", "Tensor a, Tensor b, Tensor c", "=> a * x + b;")]
    [InlineData("[Linear(1, 1)] LinearValues Layer", "Linear layer", "=> layer.call(x);")]
    public void Any_other_forward_is_not_affine(string components, string parameters, string body) =>
        Assert.Equal(("", ""), AffineKeysOf(components, parameters, body));

    private static (string Weight, string Bias) AffineKeysOf(string components, string parameters, string body)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            [Model("M", Key = "m")]
            public sealed partial record M({{components}})
            {
                static Tensor Forward(Tensor x, {{parameters}}) {{body}}
            }
            """);
        Assert.Empty(run.Result.Diagnostics);
        var model = Assert.Single(run.Result.Results.Single().TrackedSteps[TrackingNames.ValidModels]
            .SelectMany(step => step.Outputs).Select(output => (ModelToGenerate)output.Value));
        return (model.AffineWeight, model.AffineBias);
    }
}
