using LanguageExt;
using static LanguageExt.Prelude;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Domain.Data;

public static class Datasets
{
    /// <summary>
    /// Builds the line with libtorch itself (<c>arange</c>, then <c>weight * X + bias</c> as two float32 ops) so every
    /// value is bit-for-bit what PyTorch computes for the same spec.
    /// </summary>
    public static Dataset Line(DatasetSpec spec)
    {
        using var scope = NewDisposeScope();
        var x = arange(spec.Start, spec.End, spec.Step, ScalarType.Float32);
        var y = x * spec.Weight + spec.Bias;
        return new Dataset(toSeq(x.data<float>().ToArray()).Strict(), toSeq(y.data<float>().ToArray()).Strict());
    }

    /// <summary><c>int(len(X) * fraction)</c> training samples, as the notebook computes it.</summary>
    public static int TrainCount(int count, double fraction) => (int)Math.Floor(count * fraction);

    public static DatasetSplit Split(Dataset dataset, double trainFraction)
    {
        var trainCount = TrainCount(dataset.Count, trainFraction);
        return new DatasetSplit(
            new Dataset(dataset.X.Take(trainCount).Strict(), dataset.Y.Take(trainCount).Strict()),
            new Dataset(dataset.X.Skip(trainCount).Strict(), dataset.Y.Skip(trainCount).Strict()));
    }
}
