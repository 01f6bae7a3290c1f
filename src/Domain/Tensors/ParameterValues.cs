using LanguageExt;
using static LanguageExt.Prelude;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Domain.Tensors;

/// <summary>The values of one float32 tensor, detached from any module: shape and row-major data.</summary>
public sealed record ParameterValues(Seq<long> Shape, Seq<float> Data)
{
    public static ParameterValues Of(float[] data, params long[] shape) =>
        new(toSeq(shape).Strict(), toSeq((float[])data.Clone()).Strict());

    public static ParameterValues Scalar(float value) => Of([value], 1);

    /// <summary>Copies a tensor's values out; the tensor keeps no link to the result (PyTorch's state_dict detaches too).</summary>
    public static ParameterValues CopyOf(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return Of(cpu.data<float>().ToArray(), cpu.shape);
    }

    public long ElementCount => Shape.Fold(1L, (n, d) => n * d);

    /// <summary>A fresh tensor holding these values; the caller owns it.</summary>
    public Tensor ToTensor() => tensor(Data.ToArray(), Shape.ToArray(), ScalarType.Float32);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
