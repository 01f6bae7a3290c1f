namespace Functional.Domain.Data;

/// <summary>
/// Inputs and targets as contiguous float32, as PyTorch holds them: X row-major <c>[n, k]</c> with <c>k</c> features per
/// sample (1 for the notebook's line), y <c>[n, 1]</c>.
/// </summary>
public sealed record Dataset
{
    public Floats X { get; }
    public Floats Y { get; }
    public int Features { get; }

    public Dataset(Floats x, Floats y, int features = 1)
    {
        if (features < 1 || x.Length != y.Length * features)
            throw new ArgumentException($"{x.Length} inputs do not make {y.Length} samples of {features} feature(s)");
        (X, Y, Features) = (x, y, features);
    }

    public int Count => Y.Length;

    /// <summary>Samples <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>, sharing this dataset's memory.</summary>
    public Dataset Slice(int start, int count) => new(X.Slice(start * Features, count * Features), Y.Slice(start, count), Features);
}

/// <summary>An ordered split: the first <c>floor(n * fraction)</c> samples train, the rest test.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
