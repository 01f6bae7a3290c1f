using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Functional.Generators;

/// <summary>
/// Where a diagnostic points, as plain values: a Location holds the SyntaxTree, which would keep the
/// whole compilation alive in the pipeline and break caching.
/// </summary>
public readonly record struct LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
