using Functional.Domain.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>The split as <c>[n, 1]</c> float32 tensors on the training device; disposing frees them.</summary>
public sealed class TrainingTensors : IDisposable
{
    public Tensor TrainX { get; }
    public Tensor TrainY { get; }
    public Tensor TestX { get; }
    public Tensor TestY { get; }

    TrainingTensors(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY) =>
        (TrainX, TrainY, TestX, TestY) = (trainX, trainY, testX, testY);

    public static TrainingTensors From(DatasetSplit split, Device device) => new(
        Column(split.Train.X, device), Column(split.Train.Y, device),
        Column(split.Test.X, device), Column(split.Test.Y, device));

    public static Tensor Column(LanguageExt.Seq<float> values, Device device)
    {
        var host = tensor(values.ToArray(), [values.Count, 1L], ScalarType.Float32);
        if (device.type == DeviceType.CPU) return host;
        using (host) return host.to(device);
    }

    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        TestX.Dispose();
        TestY.Dispose();
    }
}
