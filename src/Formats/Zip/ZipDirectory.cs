using System.Buffers.Binary;
using System.Text;
using Functional.Domain.Text;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Formats.Zip;

/// <summary>Where one stored entry's bytes lie in the archive, and the checksum they must match.</summary>
internal sealed record ZipEntryLocation(string Name, long DataOffset, long Size, uint Crc, ushort Method);

/// <summary>
/// A minimal zip reader for PyTorch archives: reads the central directory (zip64 end records included),
/// locates each payload through its local header, and checks the CRC before handing bytes out.
/// Entries must be stored (PyTorch never compresses); everything is bounds-checked, nothing throws on bad data.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;
    private const int EndRecordSize = 22;

    private readonly byte[] archive;
    private readonly Dictionary<string, ZipEntryLocation> byName;

    private ZipDirectory(byte[] archive, List<ZipEntryLocation> entries)
    {
        this.archive = archive;
        Entries = entries.ToSeq().Strict();
        byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public Seq<ZipEntryLocation> Entries { get; }

    /// <summary>The entry of that exact name; a lookup, since an archive can list a million entries.</summary>
    public Option<ZipEntryLocation> Find(string name) => byName.TryGetValue(name, out var entry) ? entry : Option<ZipEntryLocation>.None;

    public static bool LooksLikeZip(byte[] bytes) =>
        bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == LocalSignature;

    public static Fin<ZipDirectory> Open(byte[] archive)
    {
        var endOffset = FindEndRecord(archive);
        if (endOffset < 0) return Corrupt("no zip end-of-central-directory record");
        var span = archive.AsSpan();
        long entryCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(endOffset + 10)..]);
        long centralSize = BinaryPrimitives.ReadUInt32LittleEndian(span[(endOffset + 12)..]);
        long centralOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[(endOffset + 16)..]);
        if (entryCount == 0xFFFF || centralSize == 0xFFFFFFFF || centralOffset == 0xFFFFFFFF)
        {
            var locator = endOffset - 20;
            if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(span[locator..]) != Zip64LocatorSignature)
                return Corrupt("zip64 sizes without a zip64 locator");
            var zip64End = BinaryPrimitives.ReadUInt64LittleEndian(span[(locator + 8)..]);
            if (zip64End > (ulong)archive.Length - 56 || archive.Length < 56
                || BinaryPrimitives.ReadUInt32LittleEndian(span[(int)zip64End..]) != Zip64EndSignature)
                return Corrupt("zip64 end record missing");
            var z = span[(int)zip64End..];
            entryCount = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(z[32..]));
            centralSize = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(z[40..]));
            centralOffset = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(z[48..]));
        }
        if (centralOffset + centralSize > archive.Length) return Corrupt("central directory lies outside the file");
        if (entryCount > centralSize / 46) return Corrupt("central directory entry count does not fit its size");

        var entries = new List<ZipEntryLocation>();
        var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var cursor = centralOffset;
        for (var i = 0L; i < entryCount; i++)
        {
            if (ReadCentralEntry(archive, cursor, centralOffset + centralSize).Case is not (ZipEntryLocation location, long next))
                return Corrupt("bad central directory entry");
            if (UnsafeName(location.Name).Case is string unsafeName) return Error.New(unsafeName);
            if (!names.Add(location.Name)) return Corrupt($"duplicate zip entry '{Echo.Text(location.Name)}'");
            entries.Add(location);
            cursor = next;
        }
        return new ZipDirectory(archive, entries);
    }

    /// <summary>The entry's bytes, checked against their CRC; a view of the archive, not a copy.</summary>
    public Fin<ReadOnlyMemory<byte>> Read(ZipEntryLocation entry)
    {
        if (entry.Method != 0)
            return Error.New($"zip entry '{Echo.Text(entry.Name)}' is compressed (method {entry.Method}); PyTorch stores entries uncompressed");
        ReadOnlyMemory<byte> bytes = archive.AsMemory((int)entry.DataOffset, (int)entry.Size);
        return System.IO.Hashing.Crc32.HashToUInt32(bytes.Span) == entry.Crc
            ? bytes
            : Error.New($"zip entry '{Echo.Text(entry.Name)}' is damaged (checksum mismatch)");
    }

    /// <summary>
    /// An entry name that could point outside the archive's folder (absolute, with a <c>..</c> or <c>.</c> segment, an
    /// empty segment or a backslash) is refused, as torch.load refuses it; nothing here extracts files, but a name that
    /// means two things is not a name to trust.
    /// </summary>
    private static Option<string> UnsafeName(string name) =>
        name.Length == 0 || name.StartsWith('/') || name.Contains('\\') || name.Contains('\0')
        || name.Split('/').Any(segment => segment is "" or "." or "..")
            ? Prelude.Some($"zip entry '{Echo.Text(name)}' has an unsafe name (absolute, '..', '.', an empty part or a backslash); torch.load refuses such archives too")
            : Option<string>.None;

    private static Fin<(ZipEntryLocation Location, long Next)> ReadCentralEntry(byte[] archive, long offset, long centralEnd)
    {
        if (offset + 46 > centralEnd || BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan((int)offset)) != CentralSignature)
            return Corrupt("bad central directory entry");
        var h = archive.AsSpan((int)offset, 46);
        var method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]);
        long compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
        long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(h[42..]);
        var next = offset + 46 + nameLength + extraLength + commentLength;
        if (next > centralEnd) return Corrupt("central directory entry runs past its end");
        if (compressedSize == 0xFFFFFFFF || size == 0xFFFFFFFF || localOffset == 0xFFFFFFFF)
            return Corrupt("zip64 entries (over 4 GB) are not supported");
        var name = Encoding.UTF8.GetString(archive, (int)offset + 46, nameLength);

        if (localOffset + 30 > archive.Length || BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan((int)localOffset)) != LocalSignature)
            return Corrupt($"local header of '{Echo.Text(name)}' is missing");
        var localNameLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan((int)localOffset + 26));
        var localExtraLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan((int)localOffset + 28));
        var dataOffset = localOffset + 30 + localNameLength + localExtraLength;
        if (dataOffset + compressedSize > archive.Length) return Corrupt($"zip entry '{Echo.Text(name)}' runs past the end of the file");
        if (method == 0 && compressedSize != size) return Corrupt($"stored zip entry '{Echo.Text(name)}' has inconsistent sizes");
        return (new ZipEntryLocation(name, dataOffset, compressedSize, crc, method), next);
    }

    private static int FindEndRecord(byte[] archive)
    {
        var lowest = Math.Max(0, archive.Length - EndRecordSize - 0xFFFF);
        for (var at = archive.Length - EndRecordSize; at >= lowest; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(archive.AsSpan(at)) != EndSignature) continue;
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(archive.AsSpan(at + 20));
            if (at + EndRecordSize + commentLength == archive.Length) return at;
        }
        return -1;
    }

    private static long ClampToLong(ulong value) => value > long.MaxValue / 2 ? long.MaxValue / 2 : (long)value;

    private static Error Corrupt(string detail) => Error.New($"not a readable zip archive: {detail}");
}
