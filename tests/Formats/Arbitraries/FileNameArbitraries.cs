using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Formats.Arbitraries;

public static class FileNameArbitraries
{
    /// <summary>File stems a PyTorch user may choose (torch.save names the archive's folder after the file's stem).</summary>
    public static Arbitrary<string> FileStems() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".ToCharArray())
            .NonEmptyListOf()
            .Where(chars => chars.Count <= 40)
            .Select(chars => new string(chars.ToArray()))
            .ToArbitrary();
}
