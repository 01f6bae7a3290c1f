namespace Functional.Formats.Zip;

/// <summary>One file inside a zip archive: its full name and its uncompressed bytes.</summary>
internal sealed record ZipEntryContent(string Name, byte[] Bytes);
