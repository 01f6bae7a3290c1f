using System.Collections.Immutable;
using Functional.Generators;
using Functional.TorchAdapter.Models;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

namespace Functional.Tests.Generators;

/// <summary>Compiles test sources against Domain, TorchAdapter, TorchSharp and LanguageExt and runs the model generator on them.</summary>
internal static class GeneratorHarness
{
    public const string AssemblyName = "GeneratorTests";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The SDK silences these assembly-version unification notes by default; a raw compilation must do so itself.
    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var domain = new[] { typeof(ModelModule), typeof(Functional.Domain.Tensors.StateDict), typeof(TorchSharp.torch), typeof(LanguageExt.Unit) }
            .Select(type => type.Assembly.Location);
        return platform.Concat(domain).Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs")),
            References.Value,
            CompilationOptions);

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new ModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return new GeneratorRun(driver.GetRunResult(), output);
    }

    /// <summary>A declaration file from src/Models moved to its own namespace, so it does not clash with the compiled copy in Functional.Models.</summary>
    public static string Declaration(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Declarations", fileName))
            .Replace("namespace Functional.Models;", "namespace Samples;");

    public static string[] AllDeclarations { get; } =
        ["LinearRegression.cs", "LinearLayerRegression.cs", "QuadraticRegression.cs"];
}

internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output)
{
    public IReadOnlyList<string> DiagnosticIds => Result.Diagnostics.Select(d => d.Id).ToList();

    public string GeneratedSource(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    public IReadOnlyList<string> HintNames => Result.Results.Single().GeneratedSources.Select(source => source.HintName).ToList();
}
