using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Tensors;
using Functional.Tests.Shared.Arbitraries;
using LanguageExt;

namespace Functional.Tests.Formats.Arbitraries;

/// <summary>
/// state_dicts of every rank from 0 to 4 (empty dimensions included), up to 13 entries under flat and dotted keys,
/// with float32 values that cover the awkward bit patterns. Register with <c>[Property(Arbitrary = [typeof(StateDictArbitraries)])]</c>.
/// </summary>
public static class StateDictArbitraries
{
    public static Arbitrary<StateDict> StateDict() => StateDicts(Float32Arbitraries.AnyBits).ToArbitrary();

    public static Gen<ParameterValues> ParameterValues(Gen<float> floats) =>
        from rank in Gen.Choose(0, 4)
        from shape in Gen.ArrayOf(Gen.Choose(0, 4), rank)
        let count = shape.Aggregate(1, (n, d) => n * d)
        from data in Gen.ArrayOf(floats, count)
        select Functional.Domain.Tensors.ParameterValues.Of(data, shape.Select(d => (long)d).ToArray());

    public static Gen<StateDict> StateDicts(Gen<float> floats) =>
        from count in Gen.Choose(0, 13)
        from values in Gen.ArrayOf(ParameterValues(floats), count)
        select new StateDict(values.Select((v, i) => new StateEntry(KeyFor(i), v)).ToSeq().Strict());

    static string KeyFor(int index) => (index % 3) switch
    {
        0 => $"w{index}",
        1 => $"layer{index}.weight",
        _ => $"blocks.{index}.linear.bias",
    };
}
