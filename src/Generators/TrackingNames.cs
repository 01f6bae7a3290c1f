namespace Functional.Generators;

/// <summary>Names of the pipeline steps, so tests can check that each one caches.</summary>
public static class TrackingNames
{
    public const string ParsedModels = nameof(ParsedModels);
    public const string ParseDiagnostics = nameof(ParseDiagnostics);
    public const string ValidModels = nameof(ValidModels);
    public const string KeyClaims = nameof(KeyClaims);
    public const string DuplicateKeys = nameof(DuplicateKeys);
    public const string CatalogNamespace = nameof(CatalogNamespace);
    public const string Catalog = nameof(Catalog);
}
