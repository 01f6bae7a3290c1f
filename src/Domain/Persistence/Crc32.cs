using System.Collections.Immutable;

namespace Functional.Domain.Persistence;

/// <summary>The zip CRC-32 (IEEE 802.3); in the BCL only as a separate package, and zip integrity depends on it.</summary>
internal static class Crc32
{
    private static readonly ImmutableArray<uint> Table = [.. Enumerable.Range(0, 256).Select(n => TableEntry((uint)n))];

    private static uint TableEntry(uint n)
    {
        var c = n;
        for (var k = 0; k < 8; k++)
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
            crc = Table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }
}
