using LanguageExt;

namespace Functional.Domain.Data;

/// <summary>Inputs and targets, one feature per sample (PyTorch shape <c>[n, 1]</c>).</summary>
public sealed record Dataset(Seq<float> X, Seq<float> Y)
{
    public int Count => X.Count;
}

/// <summary>An ordered split: the first <c>floor(n * fraction)</c> samples train, the rest test.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
