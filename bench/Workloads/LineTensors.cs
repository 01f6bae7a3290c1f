using Functional.Domain.Data;
using Functional.Domain.Training;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Bench.Workloads;

/// <summary>Training inputs and targets as [n, 1] float32 tensors.</summary>
public sealed class LineTensors : IDisposable
{
    public const double Weight = 0.3;
    public const double Bias = 0.9;

    public Tensor X { get; }
    public Tensor Y { get; }
    public long Count => X.shape[0];

    LineTensors(Tensor x, Tensor y) => (X, Y) = (x, y);

    /// <summary>
    /// n samples of the notebook's line on x = i / n, built the same way in pytorch_workloads.py so both sides
    /// train on identical tensors.
    /// </summary>
    public static LineTensors OfSize(long count)
    {
        using var scope = NewDisposeScope();
        var x = (arange(count, ScalarType.Float32) / count).unsqueeze(1);
        var y = x * Weight + Bias;
        return new LineTensors(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
    }

    /// <summary>These samples as a split that trains on all of them (and has no test samples), for the training steps.</summary>
    public DatasetSplit AsTrainingSplit()
    {
        var line = new Dataset(Floats.Of(X.data<float>().ToArray()), Floats.Of(Y.data<float>().ToArray()));
        return new DatasetSplit(line, line.Slice(0, 0));
    }

    /// <summary>The notebook's split: 80 training samples, as the training loop receives them.</summary>
    public static DatasetSplit NotebookSplit() => Datasets.Split(LineData.Line(DatasetSpec.Notebook), 0.8);

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
    }
}
