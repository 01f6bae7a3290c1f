using FsCheck.Fluent;
using FsCheck;
using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Tests.Formats;

/// <summary>Generators for state_dicts whose float32 values cover the awkward bit patterns.</summary>
public static class StateDicts
{
    private static readonly int[] AwkwardFloatBits =
    [
        unchecked((int)0x80000000), // -0.0
        0x00000001, // smallest subnormal
        0x007FFFFF, // largest subnormal
        0x00800000, // smallest normal
        0x7F7FFFFF, // float.MaxValue
        unchecked((int)0xFF7FFFFF), // float.MinValue
        0x7F800000, // +inf
        unchecked((int)0xFF800000), // -inf
        0x7FC00000, // quiet NaN
        0x7FA00001, // signalling NaN with payload
        unchecked((int)0xFFFFFFFF), // negative NaN, all payload bits
    ];

    public static Gen<float> Float32 =>
        Gen.Frequency(
            (3, Gen.Choose(int.MinValue, int.MaxValue)),
            (1, Gen.Elements(AwkwardFloatBits)))
        .Select(BitConverter.Int32BitsToSingle);

    public static Gen<float> FiniteFloat32 => Float32.Where(float.IsFinite);

    public static Gen<ParameterValues> Values(Gen<float> floats) =>
        from rank in Gen.Choose(0, 4)
        from shape in Gen.ArrayOf(Gen.Choose(0, 4), rank)
        let count = shape.Aggregate(1, (n, d) => n * d)
        from data in Gen.ArrayOf(floats, count)
        select ParameterValues.Of(data, shape.Select(d => (long)d).ToArray());

    public static Gen<StateDict> Of(Gen<float> floats) =>
        from count in Gen.Choose(0, 13)
        from values in Gen.ArrayOf(Values(floats), count)
        select new StateDict(values.Select((v, i) => new StateEntry(KeyFor(i), v)).ToSeq().Strict());

    private static string KeyFor(int index) => (index % 3) switch
    {
        0 => $"w{index}",
        1 => $"layer{index}.weight",
        _ => $"blocks.{index}.linear.bias",
    };

    public static Arbitrary<StateDict> AnyStateDict() => Of(Float32).ToArbitrary();

    public static StateDict LinearRegression(float weight, float bias) => new(Prelude.Seq(
        new StateEntry("linear_layer.weight", ParameterValues.Of([weight], 1, 1)),
        new StateEntry("linear_layer.bias", ParameterValues.Of([bias], 1))));

    public static bool BitIdentical(StateDict expected, StateDict actual) =>
        expected.Keys.SequenceEqual(actual.Keys)
        && expected.Entries.Zip(actual.Entries).ForAll(pair =>
            pair.Item1.Value.Shape.SequenceEqual(pair.Item2.Value.Shape)
            && pair.Item1.Value.Data.Map(BitConverter.SingleToInt32Bits)
                .SequenceEqual(pair.Item2.Value.Data.Map(BitConverter.SingleToInt32Bits)));
}
