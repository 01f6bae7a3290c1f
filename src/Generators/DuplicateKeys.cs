using System.Collections.Immutable;
using System.Linq;

namespace Functional.Generators;

/// <summary>
/// Models that share a key. The declaration that comes first by file path (ordinal), then by position in its file,
/// keeps the key; each later one is reported, on its own declaration. So the diagnostic lands on the newcomer whenever
/// the new declaration sits after the existing one (a later file, or further down the same file), and it never
/// depends on the order in which the compiler happens to hand over the files.
/// </summary>
public static class DuplicateKeys
{
    public static EquatableArray<DiagnosticInfo> Find(ImmutableArray<KeyClaim> claims) =>
        claims
            .GroupBy(claim => claim.Key, System.StringComparer.Ordinal)
            .OrderBy(group => group.Key, System.StringComparer.Ordinal)
            .SelectMany(group =>
            {
                var ordered = group
                    .OrderBy(claim => claim.Location.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(claim => claim.Location.TextSpan.Start)
                    .ToList();
                return ordered.Skip(1).Select(later => new DiagnosticInfo(DiagnosticIds.DuplicateModelKey, later.Location,
                    new[] { later.Key, later.RecordName, ordered[0].RecordName }.ToEquatableArray()));
            })
            .ToEquatableArray();
}
