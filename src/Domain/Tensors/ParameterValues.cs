using Functional.Domain.Text;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Tensors;

/// <summary>The values of one float32 tensor, detached from any module: shape and row-major data.</summary>
public sealed record ParameterValues(Seq<long> Shape, Seq<float> Data)
{
    public static ParameterValues Of(float[] data, params long[] shape) =>
        new(toSeq(shape).Strict(), toSeq((float[])data.Clone()).Strict());

    public static ParameterValues Scalar(float value) => Of([value], 1);

    public long ElementCount => Shape.Fold(1L, (n, d) => n * d);

    /// <summary>The shape as an error line shows it: a very long one is cut (see <see cref="Echo.Shape"/>).</summary>
    public string ShapeText => Echo.Shape(Shape);
}
