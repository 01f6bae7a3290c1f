using FsCheck;
using FsCheck.Fluent;
using Functional.Domain.Tensors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Formats;

/// <summary>Compares state_dicts bit for bit (NaN payloads and signed zeros included), naming the first entry that differs.</summary>
internal static class StateDictBits
{
    public static bool Identical(StateDict expected, StateDict actual) => FirstDifference(expected, actual).IsNone;

    /// <summary>"key 'w0': shape [2] became [3]", "key 'b' is missing", ...; None when both hold the same bits.</summary>
    public static Option<string> FirstDifference(StateDict expected, StateDict actual)
    {
        if (!expected.Keys.SequenceEqual(actual.Keys))
            return $"keys [{string.Join(", ", expected.Keys)}] became [{string.Join(", ", actual.Keys)}]";
        foreach (var (before, after) in expected.Entries.Zip(actual.Entries))
        {
            if (!before.Value.Shape.SequenceEqual(after.Value.Shape))
                return $"key '{before.Key}': shape [{string.Join(", ", before.Value.Shape)}] became [{string.Join(", ", after.Value.Shape)}]";
            var index = before.Value.Data.Zip(after.Value.Data)
                .Map(pair => BitConverter.SingleToInt32Bits(pair.Item1) == BitConverter.SingleToInt32Bits(pair.Item2))
                .ToList().IndexOf(false);
            if (index >= 0)
                return $"key '{before.Key}', element {index}: bits 0x{Bits(before.Value.Data[index]):X8} became 0x{Bits(after.Value.Data[index]):X8}";
        }

        return None;
    }

    /// <summary>A property that holds when both hold the same bits, labelled with the first difference when not.</summary>
    public static Property Same(StateDict expected, StateDict actual) =>
        FirstDifference(expected, actual).Match(Some: difference => false.Label(difference), None: () => true.ToProperty());

    /// <summary>
    /// How many bits differ between two state_dicts of the same keys' lengths and the same shapes, counting the keys'
    /// UTF-8 bytes and the values' float32 bits; None when they differ in structure (key count, key length, shape).
    /// </summary>
    public static Option<int> BitDistance(StateDict expected, StateDict actual)
    {
        if (expected.Entries.Count != actual.Entries.Count) return None;
        var distance = 0;
        foreach (var (before, after) in expected.Entries.Zip(actual.Entries))
        {
            var (keyBefore, keyAfter) = (System.Text.Encoding.UTF8.GetBytes(before.Key), System.Text.Encoding.UTF8.GetBytes(after.Key));
            if (keyBefore.Length != keyAfter.Length || !before.Value.Shape.SequenceEqual(after.Value.Shape)) return None;
            distance += keyBefore.Zip(keyAfter, (a, b) => System.Numerics.BitOperations.PopCount((uint)(a ^ b))).Sum();
            distance += before.Value.Data.Zip(after.Value.Data)
                .Map(pair => System.Numerics.BitOperations.PopCount((uint)(Bits(pair.Item1) ^ Bits(pair.Item2))))
                .Sum();
        }

        return distance;
    }

    static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
