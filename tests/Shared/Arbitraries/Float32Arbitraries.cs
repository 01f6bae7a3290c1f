using FsCheck;
using FsCheck.Fluent;

namespace Functional.Tests.Shared.Arbitraries;

/// <summary>
/// float32 values as bit patterns: any of the 2^32, with the awkward ones (signed zeros, subnormals, the extremes,
/// infinities, NaN payloads) drawn one time in four so every run meets them. Linked into the projects that use FsCheck.
/// </summary>
public static class Float32Arbitraries
{
    static readonly int[] AwkwardBits =
    [
        0x00000000, // +0.0
        unchecked((int)0x80000000), // -0.0
        0x00000001, // smallest subnormal
        unchecked((int)0x80000001), // smallest negative subnormal
        0x007FFFFF, // largest subnormal
        0x00800000, // smallest normal
        BitConverter.SingleToInt32Bits(1e-39f), // a subnormal in the middle of the range
        BitConverter.SingleToInt32Bits(1e-30f),
        BitConverter.SingleToInt32Bits(3.4e37f),
        0x7F7FFFFF, // float.MaxValue
        unchecked((int)0xFF7FFFFF), // float.MinValue
        0x7F800000, // +inf
        unchecked((int)0xFF800000), // -inf
        0x7FC00000, // quiet NaN
        0x7FA00001, // signalling NaN with payload
        unchecked((int)0xFFFFFFFF), // negative NaN, all payload bits
    ];

    /// <summary>Any float32, NaN payloads and infinities included.</summary>
    public static Gen<float> AnyBits =>
        Gen.Frequency(
            (3, Gen.Choose(int.MinValue, int.MaxValue)),
            (1, Gen.Elements(AwkwardBits)))
        .Select(BitConverter.Int32BitsToSingle);

    /// <summary>Any finite float32, the awkward finite ones (signed zeros, subnormals, the extremes) included.</summary>
    public static Gen<float> Finite => AnyBits.Where(float.IsFinite);
}
