using Functional.Domain.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Data;

public static class LineData
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
        return new Dataset(Floats.Of(x.data<float>().ToArray()), Floats.Of(y.data<float>().ToArray()));
    }
}
