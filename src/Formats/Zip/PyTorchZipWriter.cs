using System.Buffers.Binary;
using System.Text;

namespace Functional.Formats.Zip;

/// <summary>
/// Writes a zip the way PyTorch's PyTorchStreamWriter (miniz) does, byte for byte: entries stored, zero timestamps,
/// data descriptors, an "FB" extra field padding every payload to 64 bytes (so torch.load can mmap tensors),
/// and a zip64 end record even for small archives.
/// </summary>
internal static class PyTorchZipWriter
{
    private const int Alignment = 64;
    private const int LocalHeaderSize = 30;
    private const ushort Utf8Flag = 0x0800;
    private const ushort DataDescriptorFlag = 0x0008;

    public static byte[] Write(IReadOnlyList<ZipEntryContent> entries)
    {
        using var output = new MemoryStream();
        var central = new List<(ZipEntryContent Entry, uint Crc, long Offset)>();
        foreach (var entry in entries)
        {
            var offset = output.Position;
            var crc = System.IO.Hashing.Crc32.HashToUInt32(entry.Bytes);
            WriteLocalEntry(output, entry, crc);
            central.Add((entry, crc, offset));
        }
        var centralOffset = output.Position;
        foreach (var (entry, crc, offset) in central)
            WriteCentralEntry(output, entry, crc, offset);
        var centralSize = output.Position - centralOffset;
        WriteEndRecords(output, central.Count, centralOffset, centralSize);
        return output.ToArray();
    }

    private static void WriteLocalEntry(MemoryStream output, ZipEntryContent entry, uint crc)
    {
        var name = Encoding.UTF8.GetBytes(entry.Name);
        var padding = PaddingExtraField(output.Position, name.Length);
        var header = new byte[LocalHeaderSize];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], Flags(entry));
        BinaryPrimitives.WriteUInt16LittleEndian(h[26..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)padding.Length);
        output.Write(header);
        output.Write(name);
        output.Write(padding);
        output.Write(entry.Bytes);
        if (entry.Bytes.Length == 0) return;
        var descriptor = new byte[16];
        var d = descriptor.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(d, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(d[8..], (uint)entry.Bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(d[12..], (uint)entry.Bytes.Length);
        output.Write(descriptor);
    }

    /// <summary>miniz writes an empty entry in one go, so it has no data descriptor to announce.</summary>
    private static ushort Flags(ZipEntryContent entry) =>
        (ushort)(entry.Bytes.Length == 0 ? Utf8Flag : Utf8Flag | DataDescriptorFlag);

    /// <summary>PyTorch's getPadding: an "FB" field (4 bytes + n times 'Z') that moves the payload to the next multiple of 64.</summary>
    private static byte[] PaddingExtraField(long headerOffset, int nameLength)
    {
        var payloadStartWithoutPadding = headerOffset + LocalHeaderSize + nameLength + 4;
        var padding = (int)((Alignment - payloadStartWithoutPadding % Alignment) % Alignment);
        var field = new byte[4 + padding];
        field[0] = (byte)'F';
        field[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(field.AsSpan(2), (ushort)padding);
        field.AsSpan(4).Fill((byte)'Z');
        return field;
    }

    private static void WriteCentralEntry(MemoryStream output, ZipEntryContent entry, uint crc, long localHeaderOffset)
    {
        var name = Encoding.UTF8.GetBytes(entry.Name);
        var header = new byte[46];
        var h = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], Flags(entry));
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)entry.Bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)entry.Bytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[28..], (ushort)name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[42..], (uint)localHeaderOffset);
        output.Write(header);
        output.Write(name);
    }

    private static void WriteEndRecords(MemoryStream output, int entryCount, long centralOffset, long centralSize)
    {
        var zip64EndOffset = output.Position;
        var zip64End = new byte[56];
        var z = zip64End.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(z, 0x06064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(z[4..], 44);
        BinaryPrimitives.WriteUInt16LittleEndian(z[12..], 0x031e);
        BinaryPrimitives.WriteUInt16LittleEndian(z[14..], 0x002d);
        BinaryPrimitives.WriteUInt64LittleEndian(z[24..], (ulong)entryCount);
        BinaryPrimitives.WriteUInt64LittleEndian(z[32..], (ulong)entryCount);
        BinaryPrimitives.WriteUInt64LittleEndian(z[40..], (ulong)centralSize);
        BinaryPrimitives.WriteUInt64LittleEndian(z[48..], (ulong)centralOffset);
        output.Write(zip64End);

        var locator = new byte[20];
        var l = locator.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(l, 0x07064b50);
        BinaryPrimitives.WriteUInt64LittleEndian(l[8..], (ulong)zip64EndOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(l[16..], 1);
        output.Write(locator);

        var end = new byte[22];
        var e = end.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(e, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)Math.Min(entryCount, 0xFFFF));
        BinaryPrimitives.WriteUInt16LittleEndian(e[10..], (ushort)Math.Min(entryCount, 0xFFFF));
        BinaryPrimitives.WriteUInt32LittleEndian(e[12..], (uint)centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(e[16..], (uint)centralOffset);
        output.Write(end);
    }
}
