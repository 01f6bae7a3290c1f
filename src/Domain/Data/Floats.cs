namespace Functional.Domain.Data;

/// <summary>
/// A read-only run of float32 values in one contiguous block, compared by value (so records holding one stay
/// comparable). Slicing shares the block instead of copying it: a split of a dataset costs nothing.
/// </summary>
public readonly struct Floats : IEquatable<Floats>
{
    public ReadOnlyMemory<float> Memory { get; }

    Floats(ReadOnlyMemory<float> memory) => Memory = memory;

    /// <summary>Wraps the array without copying it; the caller hands it over and must not change it afterwards.</summary>
    public static Floats Of(float[] values) => new(values);

    public static Floats Empty => new(ReadOnlyMemory<float>.Empty);

    public int Length => Memory.Length;

    public ReadOnlySpan<float> Span => Memory.Span;

    public float this[int index] => Memory.Span[index];

    public Floats Slice(int start, int length) => new(Memory.Slice(start, length));

    public Floats Take(int count) => Slice(0, Math.Min(count, Length));

    public float[] ToArray() => Memory.ToArray();

    public bool Equals(Floats other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is Floats other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Span) hash.Add(value);
        return hash.ToHashCode();
    }

    public static bool operator ==(Floats left, Floats right) => left.Equals(right);

    public static bool operator !=(Floats left, Floats right) => !left.Equals(right);

    public override string ToString() => $"Floats[{Length}]";
}
