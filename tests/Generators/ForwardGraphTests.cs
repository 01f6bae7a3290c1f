using Functional.Domain.Models;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// What the generator compiles a Forward into, read back from the generated catalog (so it is what the export and
/// --fused see), and the warning for a Forward it cannot compile.
/// </summary>
public sealed class ForwardGraphTests
{
    const string Components = "[Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias, [Linear(1, 1)] LinearValues Layer";
    const string Parameters = "Tensor x, Tensor weight, Tensor bias, Linear layer";

    static string Declaration(string body) => SampleDeclarations.Usings + $$"""
        [Model("M", Key = "m")]
        public sealed partial record M({{Components}})
        {
            static readonly double Scale = 2;

            static Tensor Forward({{Parameters}}) {{body}}
        }
        """;

    [Theory]
    [InlineData("=> weight * x + bias;", "%0 = Multiply(weight, x); %1 = Add(%0, bias); return %1")]
    [InlineData("=> (x * weight) + bias;", "%0 = Multiply(x, weight); %1 = Add(%0, bias); return %1")]
    [InlineData("=> -weight * x * x + 0.5 * bias;", "%0 = Negate(weight); %1 = Multiply(%0, x); %2 = Multiply(%1, x); %3 = Multiply(0.5, bias); %4 = Add(%2, %3); return %4")]
    [InlineData("=> 2 - x / 4f;", "%0 = Divide(x, 4); %1 = Subtract(2, %0); return %1")]
    [InlineData("=> x * (1.0 / 3) - (-2);", "%0 = Multiply(x, 0.3333333333333333); %1 = Subtract(%0, -2); return %1")]
    [InlineData("=> layer.call(x);", "%0 = Linear[layer](x); return %0")]
    [InlineData("=> layer.forward(x).sigmoid();", "%0 = Linear[layer](x); %1 = Sigmoid(%0); return %1")]
    [InlineData("=> nn.functional.relu(layer.call(x)) + torch.tanh(x) + x.tanh().neg();", "%0 = Linear[layer](x); %1 = Relu(%0); %2 = Tanh(x); %3 = Add(%1, %2); %4 = Tanh(x); %5 = Negate(%4); %6 = Add(%3, %5); return %6")]
    [InlineData("=> TorchSharp.torch.nn.functional.relu(x, inplace: false) * TorchSharp.torch.sigmoid(x);", "%0 = Relu(x); %1 = Sigmoid(x); %2 = Multiply(%0, %1); return %2")]
    [InlineData("{ var h = layer.call(x); Tensor r = nn.functional.relu(h); return r * h; }", "%0 = Linear[layer](x); %1 = Relu(%0); %2 = Multiply(%1, %0); return %2")]
    [InlineData("{ const double k = 2; var scaled = k * x; return scaled + bias; }", "%0 = Multiply(2, x); %1 = Add(%0, bias); return %1")]
    [InlineData("{ var k = 3; return k * x; }", "%0 = Multiply(3, x); return %0")]
    [InlineData("=> x;", "return x")]
    public void Forward_compiles_to_this_graph(string body, string graph)
    {
        var spec = Assert.Single(GeneratorHarness.Run(Declaration(body)).Specs());

        Assert.Equal(graph, spec.Forward.Match(Right: GraphText.Of, Left: untranslated => "not translated: " + untranslated.Construct));
    }

    [Theory]
    [InlineData("=> weight * x.pow(2);", "the call", "x.pow(2)")]
    [InlineData("=> torch.exp(x) + bias;", "the call", "torch.exp(x)")]
    [InlineData("=> nn.functional.relu(x, inplace: true);", "the call", "nn.functional.relu(x, inplace: true)")]
    [InlineData("=> layer.weight * x;", "the expression", "layer.weight")]
    [InlineData("=> Scale * x;", "the name", "Scale")]
    [InlineData("=> x * bias.item<float>();", "the call", "bias.item<float>()")]
    [InlineData("{ var h = x; h = h * 2; return h; }", "the statement", "h = h * 2;")]
    [InlineData("{ if (x is null) return x; return x * 2; }", "the statement", "if (x is null) return x;")]
    public void A_construct_outside_the_translatable_set_gets_FMG014_naming_it_where_it_is(string body, string kind, string construct)
    {
        var source = Declaration(body);
        var run = GeneratorHarness.Run(source);

        var warning = Assert.Single(run.Result.Diagnostics);
        Assert.Equal("FMG014", warning.Id);
        Assert.Contains($"uses {kind} '{construct}'", warning.GetMessage());
        Assert.Equal(construct, source.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        var spec = Assert.Single(run.Specs());
        Assert.Equal(new UntranslatedForward(construct, kind), spec.Forward.Match(Right: _ => null!, Left: untranslated => untranslated));
    }

    [Theory]
    [InlineData("=> weight * x + bias;", "weight", "bias")]
    [InlineData("=> x * weight + bias;", "weight", "bias")]
    [InlineData("=> bias + (weight * x);", "weight", "bias")]
    [InlineData("=> bias * x + weight;", "bias", "weight")]
    [InlineData("{ var slope = weight * x; return slope + bias; }", "weight", "bias")]
    public void A_forward_of_the_form_p_times_x_plus_q_over_the_two_parameters_is_affine(string body, string weight, string bias)
    {
        var spec = Assert.Single(GeneratorHarness.Run(TwoParameters(body)).Specs());

        Assert.Equal(new AffineForm(weight, bias), spec.Affine.IfNone(() => null!));
    }

    [Theory]
    [InlineData("=> weight * x * x + bias;")]
    [InlineData("=> weight * x - bias;")]
    [InlineData("=> weight * x + weight;")]
    [InlineData("=> weight * bias + x;")]
    [InlineData("=> 2 * x + bias;")]
    [InlineData("=> weight * x + bias + 0;")]
    [InlineData("=> weight * x.pow(1) + bias;")]
    public void Any_other_forward_is_not_affine(string body) =>
        Assert.True(Assert.Single(GeneratorHarness.Run(TwoParameters(body)).Specs()).Affine.IsNone);

    [Theory]
    [InlineData("[Parameter(2)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias", "Tensor weight, Tensor bias", "=> weight * x + bias;")]
    [InlineData("[Parameter(1, 1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias", "Tensor weight, Tensor bias", "=> weight * x + bias;")]
    [InlineData("[Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias, [Parameter(1)] ParameterValues Unused", "Tensor weight, Tensor bias, Tensor unused", "=> weight * x + bias;")]
    [InlineData("[Linear(1, 1)] LinearValues Layer", "Linear layer", "=> layer.call(x);")]
    public void Affine_needs_exactly_two_one_element_parameters(string components, string parameters, string body)
    {
        var source = SampleDeclarations.Usings + $$"""
            [Model("M", Key = "m")]
            public sealed partial record M({{components}})
            {
                static Tensor Forward(Tensor x, {{parameters}}) {{body}}
            }
            """;

        Assert.True(Assert.Single(GeneratorHarness.Run(source).Specs()).Affine.IsNone);
    }

    static string TwoParameters(string body) => SampleDeclarations.Usings + $$"""
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias)
        {
            static Tensor Forward(Tensor x, Tensor weight, Tensor bias) {{body}}
        }
        """;
}
