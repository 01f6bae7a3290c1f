using Xunit;

namespace Functional.Tests.Generators;

/// <summary>Each diagnostic fires on its minimal bad input, alone.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using Functional.Domain.Tensors;
        using Functional.Generators;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Bad;

        """;

    [Fact]
    public void The_samples_have_no_diagnostics() =>
        Assert.Empty(GeneratorHarness.Run(GeneratorHarness.AllDeclarations.Select(GeneratorHarness.Declaration).ToArray()).DiagnosticIds);

    [Fact]
    public void FMG001_record_not_partial() => AssertOnly("FMG001", """
        [Model("M", Key = "m")]
        public sealed record M([Parameter(1)] ParameterValues Weight)
        {
            static Tensor Forward(Tensor x, Tensor weight) => weight * x;
        }
        """);

    [Fact]
    public void FMG002_model_on_a_class() => AssertOnly("FMG002", """
        [Model("M", Key = "m")]
        public sealed partial class M
        {
        }
        """);

    [Theory]
    [InlineData("[Parameter(1)] LinearValues Weight", "Tensor weight")]
    [InlineData("[Linear(1, 1)] ParameterValues Layer", "Linear layer")]
    [InlineData("[Parameter(1)] float Weight", "Tensor weight")]
    public void FMG003_component_of_the_wrong_type(string component, string forwardParameter) =>
        AssertOnly("FMG003", Model(component, forwardParameter));

    [Theory]
    [InlineData("[Parameter] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Parameter(1, 0)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Parameter(-2)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Linear(0, 1)] LinearValues Layer", "Linear layer")]
    public void FMG004_empty_or_non_positive_shape(string component, string forwardParameter) =>
        AssertOnly("FMG004", Model(component, forwardParameter));

    [Fact]
    public void FMG005_missing_forward() => AssertOnly("FMG005", """
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight);
        """);

    [Theory]
    [InlineData("Tensor Forward(Tensor x, Tensor weight) => weight * x;")]
    [InlineData("static float Forward(Tensor x, Tensor weight) => 0f;")]
    [InlineData("static Tensor Forward(Tensor x) => x;")]
    [InlineData("static Tensor Forward(Tensor x, Linear weight) => weight.call(x);")]
    [InlineData("static Tensor Forward(Tensor weight, Tensor x, Tensor extra) => weight * x;")]
    public void FMG006_ill_typed_forward(string forward) => AssertOnly("FMG006", $$"""
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight)
        {
            {{forward}}
        }
        """);

    [Fact]
    public void FMG007_duplicate_state_dict_name() => AssertOnly("FMG007", """
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight, [Parameter(1, Name = "weight")] ParameterValues Other)
        {
            static Tensor Forward(Tensor x, Tensor weight, Tensor other) => weight * x + other;
        }
        """);

    [Fact]
    public void FMG008_component_without_attribute() => AssertOnly("FMG008", """
        [Model("M", Key = "m")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight, ParameterValues Bias)
        {
            static Tensor Forward(Tensor x, Tensor weight, Tensor bias) => weight * x + bias;
        }
        """);

    [Theory]
    [InlineData("linear.weight")]
    [InlineData("1st")]
    [InlineData("class")]
    public void FMG009_invalid_state_name(string name) =>
        AssertOnly("FMG009", Model($"[Parameter(1, Name = \"{name}\")] ParameterValues Weight", "Tensor weight"));

    [Fact]
    public void FMG010_duplicate_model_key() => AssertOnly("FMG010", """
        [Model("First", Key = "same")]
        public sealed partial record First([Parameter(1)] ParameterValues Weight)
        {
            static Tensor Forward(Tensor x, Tensor weight) => weight * x;
        }

        [Model("Second", Key = "same")]
        public sealed partial record Second([Parameter(1)] ParameterValues Weight)
        {
            static Tensor Forward(Tensor x, Tensor weight) => weight * x;
        }
        """);

    [Fact]
    public void FMG011_nested_record() => AssertOnly("FMG011", """
        public static partial class Outer
        {
            [Model("M", Key = "m")]
            public sealed partial record M([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }
        }
        """);

    [Fact]
    public void FMG012_empty_class_name() => AssertOnly("FMG012", """
        [Model("")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight)
        {
            static Tensor Forward(Tensor x, Tensor weight) => weight * x;
        }
        """);

    [Fact]
    public void Diagnostics_point_at_the_offending_declaration()
    {
        var source = Usings + Model("[Parameter(0)] ParameterValues Weight", "Tensor weight");
        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.Result.Diagnostics);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("[Parameter(0)] ParameterValues Weight", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Contains("make every dimension positive", diagnostic.GetMessage());
    }

    [Fact]
    public void A_model_with_a_diagnostic_is_neither_emitted_nor_catalogued()
    {
        var run = GeneratorHarness.Run(Usings + Model("[Parameter(0)] ParameterValues Weight", "Tensor weight"));

        Assert.DoesNotContain(run.HintNames, name => name.StartsWith("Bad.", StringComparison.Ordinal));
        Assert.DoesNotContain("ModelCatalog.g.cs", run.HintNames);
    }

    private static string Model(string component, string forwardParameter) => $$"""
        [Model("M", Key = "m")]
        public sealed partial record M({{component}})
        {
            static Tensor Forward(Tensor x, {{forwardParameter}}) => x;
        }
        """;

    private static void AssertOnly(string id, string source) =>
        Assert.Equal([id], GeneratorHarness.Run(Usings + source).DiagnosticIds);
}
