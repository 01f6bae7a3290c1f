using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Formats.Arbitraries;

/// <summary>Ways to damage a valid file: bytes overwritten at positions taken modulo the file's length.</summary>
public static class DamageArbitraries
{
    public sealed record ByteOverwrite(int Position, byte Value);

    /// <summary>Any number of overwrites at positions in [0, <paramref name="maxPosition"/>].</summary>
    public static Arbitrary<ByteOverwrite[]> ByteOverwrites(int maxPosition) =>
        Gen.Choose(0, maxPosition).Two().ArrayOf()
            .Select(pairs => pairs.Select(p => new ByteOverwrite(p.Item1, (byte)p.Item2)).ToArray())
            .ToArbitrary();

    public static byte[] Apply(byte[] file, IEnumerable<ByteOverwrite> damage)
    {
        var bytes = (byte[])file.Clone();
        foreach (var overwrite in damage) bytes[overwrite.Position % bytes.Length] = overwrite.Value;
        return bytes;
    }
}
