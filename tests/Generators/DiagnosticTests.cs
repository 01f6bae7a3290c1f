using Functional.Generators;
using Microsoft.CodeAnalysis;
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
        Assert.Empty(GeneratorHarness.Run(SampleDeclarations.All).DiagnosticIds);

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

    [Theory]
    [InlineData("Cubic")]
    [InlineData("1st")]
    [InlineData("two words")]
    [InlineData("snake_case")]
    [InlineData("-leading")]
    [InlineData("caf\u00e9")]
    public void FMG013_invalid_model_key(string key) => AssertOnly("FMG013", $$"""
        [Model("M", Key = "{{key}}")]
        public sealed partial record M([Parameter(1)] ParameterValues Weight)
        {
            static Tensor Forward(Tensor x, Tensor weight) => weight * x;
        }
        """);

    [Fact]
    public void FMG013_names_a_valid_key_to_use_instead()
    {
        var run = GeneratorHarness.Run(Usings + """
            [Model("M", Key = "My_Model")]
            public sealed partial record M([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }
            """);

        Assert.Contains("Key = \"my-model\"", Assert.Single(run.Result.Diagnostics).GetMessage());
    }

    [Theory]
    [InlineData("LinearRegressionModelV2", "linear-regression-model-v2")]
    [InlineData("MLP", "mlp")]
    [InlineData("CubicRegressionModel", "cubic-regression-model")]
    public void Without_a_Key_the_key_is_the_class_name_in_kebab_case(string className, string key)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            [Model("{{className}}")]
            public sealed partial record M([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }
            """);

        Assert.Empty(run.DiagnosticIds);
        Assert.Equal(key, Assert.Single(run.Models).Key);
    }

    [Fact]
    public void FMG014_is_a_warning_and_the_model_is_still_emitted_and_catalogued()
    {
        var run = GeneratorHarness.Run(Usings + """
            [Model("M", Key = "m")]
            public sealed partial record M([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x.pow(2);
            }
            """);

        var warning = Assert.Single(run.Result.Diagnostics);
        Assert.Equal(("FMG014", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains("Bad.M.g.cs", run.HintNames);
        var spec = Assert.Single(run.Specs());
        Assert.True(spec.Forward.IsLeft);
    }

    /// <summary>An argument the compiler already rejects is not read as 0, which would add a second, wrong diagnostic.</summary>
    [Theory]
    [InlineData("[Model(NoSuchName, Key = \"m\")]", "[Parameter(1)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Model(\"M\", Key = NoSuchName)]", "[Parameter(1)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Model(\"M\", Key = \"m\")]", "[Parameter(NoSuchName)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Model(\"M\", Key = \"m\")]", "[Parameter(1, NoSuchName)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Model(\"M\", Key = \"m\")]", "[Parameter(1, Name = NoSuchName)] ParameterValues Weight", "Tensor weight")]
    [InlineData("[Model(\"M\", Key = \"m\")]", "[Linear(1, NoSuchName)] LinearValues Layer", "Linear layer")]
    public void An_argument_with_a_compiler_error_gets_no_diagnostic_of_ours(string model, string component, string forwardParameter)
    {
        var run = GeneratorHarness.Run(Usings + $$"""
            {{model}}
            public sealed partial record M({{component}})
            {
                static Tensor Forward(Tensor x, {{forwardParameter}}) => x;
            }
            """);

        Assert.Empty(run.DiagnosticIds);
        Assert.Contains(run.Output.GetDiagnostics(), d => d.Id == "CS0103");
        Assert.DoesNotContain("Bad.M.g.cs", run.HintNames);
    }

    /// <summary>
    /// "New" is defined by a stable order: the declaration first by file path (ordinal), then by position, keeps the key;
    /// every later one is reported. Record names and the order the files are given in do not matter.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FMG010_is_reported_on_the_declaration_in_the_later_file(bool laterFileFirst)
    {
        string Declaration(string name) => Usings + $$"""
            [Model("{{name}}", Key = "same")]
            public sealed partial record {{name}}([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }
            """;
        var earlier = GeneratorHarness.Tree(Declaration("Zeta"), 0);
        var later = GeneratorHarness.Tree(Declaration("Alpha"), 1);
        var compilation = GeneratorHarness.Compilation().AddSyntaxTrees(laterFileFirst ? [later, earlier] : [earlier, later]);

        var duplicate = Assert.Single(GeneratorHarness.Run(compilation).Result.Diagnostics);

        Assert.Equal("FMG010", duplicate.Id);
        Assert.Equal("Source1.cs", duplicate.Location.GetLineSpan().Path);
        Assert.Contains("'Bad.Alpha' is already used by 'Bad.Zeta'", duplicate.GetMessage());
    }

    [Fact]
    public void FMG010_is_reported_on_the_later_declaration_in_one_file()
    {
        var source = Usings + """
            [Model("Second", Key = "same")]
            public sealed partial record Before([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }

            [Model("First", Key = "same")]
            public sealed partial record After([Parameter(1)] ParameterValues Weight)
            {
                static Tensor Forward(Tensor x, Tensor weight) => weight * x;
            }
            """;

        var duplicate = Assert.Single(GeneratorHarness.Run(source).Result.Diagnostics);

        Assert.Equal("After", source.Substring(duplicate.Location.SourceSpan.Start, duplicate.Location.SourceSpan.Length));
    }

    [Fact]
    public void Every_diagnostic_has_its_own_ID_and_a_help_link_to_its_row_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var descriptors = DiagnosticDescriptors.All;

        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, descriptor =>
        {
            Assert.Equal($"README.md#{descriptor.Id.ToLowerInvariant()}", descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>{descriptor.Id}", readme);
        });
    }

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

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
