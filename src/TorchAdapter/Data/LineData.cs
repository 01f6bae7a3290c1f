using Functional.Domain.Data;
using LanguageExt;
using TorchSharp;
using static LanguageExt.Prelude;
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
        return new Dataset(toSeq(x.data<float>().ToArray()).Strict(), toSeq(y.data<float>().ToArray()).Strict());
    }
}
