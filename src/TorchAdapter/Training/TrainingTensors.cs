using System.Runtime.InteropServices;
using Functional.Domain.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// The split as <c>[n, k]</c> inputs and <c>[n, 1]</c> targets, float32 tensors on the training device (disposing frees
/// them), and the test targets as values, which the metrics are computed against.
/// </summary>
public sealed class TrainingTensors : IDisposable
{
    public Tensor TrainX { get; }
    public Tensor TrainY { get; }
    public Tensor TestX { get; }
    public Tensor TestY { get; }
    public Floats TestTargets { get; }

    TrainingTensors(Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, Floats testTargets) =>
        (TrainX, TrainY, TestX, TestY, TestTargets) = (trainX, trainY, testX, testY, testTargets);

    public static TrainingTensors From(DatasetSplit split, Device device) => new(
        Inputs(split.Train, device), Targets(split.Train, device),
        Inputs(split.Test, device), Targets(split.Test, device), split.Test.Y);

    public static Tensor Inputs(Dataset data, Device device) => Matrix(data.X, data.Count, data.Features, device);

    public static Tensor Targets(Dataset data, Device device) => Matrix(data.Y, data.Count, 1, device);

    /// <summary>
    /// A <c>[rows, columns]</c> tensor of the values; the caller owns it. On the CPU it reads the values' own array in
    /// place (pinned while the tensor lives) rather than a copy, so a dataset is held once, not twice: nothing in
    /// training writes to its inputs or targets. Values not held in an array, and other devices, get a copy.
    /// </summary>
    public static Tensor Matrix(Floats values, long rows, long columns, Device device)
    {
        if (device.type == DeviceType.CPU && values.Length > 0 && MemoryMarshal.TryGetArray(values.Memory, out var block))
        {
            using var flat = frombuffer(block.Array!, ScalarType.Float32, block.Count, block.Offset);
            return flat.view(rows, columns);
        }
        var host = empty([rows, columns], ScalarType.Float32);
        // One block copy into the tensor's own storage (Tensor.bytes, up to 2 GiB); TensorAccessor.CopyFrom goes element
        // by element through the native library.
        if (values.Length > 0 && (long)values.Length * sizeof(float) <= int.MaxValue)
            MemoryMarshal.AsBytes(values.Span).CopyTo(host.bytes);
        else if (values.Length > 0) host.data<float>().CopyFrom(values.Span, 0, 0);
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
