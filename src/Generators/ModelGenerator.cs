using System.Linq;
using Microsoft.CodeAnalysis;

namespace Functional.Generators;

/// <summary>
/// Writes, for every [Model] record, a TorchSharp module with PyTorch's layout and the record/module/state_dict
/// mappings, plus one ModelCatalog listing them all.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Post-initialization source needs no package or shared assembly, and it is there before the
        // attributes are bound, so user code and ForAttributeWithMetadataName both see it.
        context.RegisterPostInitializationOutput(static initialization =>
        {
            initialization.AddEmbeddedAttributeDefinition();
            initialization.AddSource(AttributeSource.HintName, AttributeSource.Text);
        });

        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeSource.ModelAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: Parser.Parse)
            .WithTrackingName(TrackingNames.ParsedModels);

        var parseDiagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .Where(static diagnostics => diagnostics.Count > 0)
            .WithTrackingName(TrackingNames.ParseDiagnostics);
        context.RegisterSourceOutput(parseDiagnostics, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!.Value)
            .WithTrackingName(TrackingNames.ValidModels);
        context.RegisterSourceOutput(models, static (output, model) =>
            output.AddSource(Emitter.HintName(model), Emitter.EmitModel(model)));

        var duplicateKeys = parsed
            .Where(static result => result.Claim is not null)
            .Select(static (result, _) => result.Claim!.Value)
            .WithTrackingName(TrackingNames.KeyClaims)
            .Collect()
            .Select(static (claims, _) => DuplicateKeys.Find(claims))
            .WithTrackingName(TrackingNames.DuplicateKeys);
        context.RegisterSourceOutput(duplicateKeys, static (output, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName)
            .WithTrackingName(TrackingNames.CatalogNamespace);
        var catalog = models.Collect()
            .Combine(assemblyName)
            .Select(static (pair, _) => CatalogEmitter.Plan(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Catalog);
        context.RegisterSourceOutput(catalog, static (output, plan) =>
        {
            // Assemblies without models (e.g. tests that only reference the generator) get no catalog to clash over.
            if (plan.Models.Count > 0)
            {
                output.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(plan));
            }
        });
    }
}
