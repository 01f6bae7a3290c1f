using System.Collections.Immutable;
using System.Reflection;
using Functional.Domain.Models;
using Functional.Generators;
using Functional.TorchAdapter.Models;
using LanguageExt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Functional.Tests.Generators;

/// <summary>
/// Compiles test sources against Domain, TorchAdapter, TorchSharp and LanguageExt and runs the model generator on them.
/// Every run is made twice, the second time on a clone of the compilation, and must be served from the cache.
/// </summary>
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

    public static SyntaxTree Tree(string source, int index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs");

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(AssemblyName, sources.Select(Tree), References.Value, CompilationOptions);

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            [new ModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator, then runs it again on a clone and asserts that the second run reused everything.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(Compilation(sources));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var first = driver.GetRunResult();
        var second = driver.RunGenerators(compilation.Clone()).GetRunResult();
        CachingAssertions.SecondRunReusedEverything(first.Results.Single(), second.Results.Single());
        return new GeneratorRun(first, output, driver);
    }
}

internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, GeneratorDriver Driver)
{
    public IReadOnlyList<string> DiagnosticIds => Result.Diagnostics.Select(d => d.Id).ToList();

    public string GeneratedSource(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    public IReadOnlyList<string> HintNames => Result.Results.Single().GeneratedSources.Select(source => source.HintName).ToList();

    /// <summary>The emit models of the valid declarations, as the pipeline carries them.</summary>
    public IReadOnlyList<ModelToGenerate> Models => Result.Results.Single().TrackedSteps[TrackingNames.ValidModels]
        .SelectMany(step => step.Outputs).Select(output => (ModelToGenerate)output.Value).ToList();

    /// <summary>
    /// The generated catalog's specs, from the compiled and loaded output: what the CLI would see. Fails on any
    /// compiler error, so a spec is never read from code that does not build.
    /// </summary>
    public Seq<ModelSpec> Specs()
    {
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        // Each load gets its own anonymous load context, so every test's "GeneratorTests" assembly stays apart;
        // Domain and LanguageExt resolve to the test's own copies, so the specs are ordinary values here.
        var assembly = Assembly.Load(image.ToArray());
        var catalog = assembly.GetType($"{GeneratorHarness.AssemblyName}.Models.ModelCatalog")
                      ?? throw new InvalidOperationException("no catalog was generated");
        return (Seq<ModelSpec>)catalog.GetProperty("Specs")!.GetValue(null)!;
    }
}
