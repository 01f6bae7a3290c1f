using Functional.Domain.Data;
using Functional.TorchAdapter.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Data;

public static class LineData
{
    /// <summary>
    /// Builds the line with libtorch itself (<c>arange</c>, then <c>weight * X + bias</c> as two float32 ops) so every
    /// value is bit-for-bit what PyTorch computes for the same spec. libtorch writes straight into the dataset's own
    /// arrays (tensors over their memory, and y computed in place), so making the data needs no memory beyond the data.
    /// </summary>
    public static Dataset Line(DatasetSpec spec)
    {
        var (x, y) = (LargeArrays.Allocate<float>(spec.SampleCount), LargeArrays.Allocate<float>(spec.SampleCount));
        using (NewDisposeScope())
        {
            var xs = frombuffer(x, ScalarType.Float32, x.Length, 0).arange_out(spec.Start, spec.End, spec.Step);
            frombuffer(y, ScalarType.Float32, y.Length, 0).copy_(xs).mul_(spec.Weight).add_(spec.Bias);
        }
        return new Dataset(Floats.Of(x), Floats.Of(y));
    }
}
