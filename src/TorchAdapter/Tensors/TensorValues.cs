using System.Runtime.InteropServices;
using Functional.Domain.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Tensors;

/// <summary>Tensors to immutable values and back.</summary>
public static class TensorValues
{
    /// <summary>Copies a tensor's values out; the tensor keeps no link to the result (PyTorch's state_dict detaches too).</summary>
    public static ParameterValues CopyOf(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return ParameterValues.Of(cpu.data<float>().ToArray(), cpu.shape);
    }

    /// <summary>
    /// The float32 values of a contiguous CPU tensor, read in place (no copy); valid while the tensor lives. A tensor on
    /// another device, or not contiguous, is first copied to one that is, which the caller's dispose scope frees.
    /// </summary>
    public static ReadOnlySpan<float> FloatsOf(Tensor tensor)
    {
        var readable = tensor.device_type == DeviceType.CPU && tensor.is_contiguous() && tensor.dtype == ScalarType.Float32
            ? tensor
            : tensor.cpu().to_type(ScalarType.Float32).contiguous();
        return MemoryMarshal.Cast<byte, float>(readable.bytes);
    }

    /// <summary>
    /// A copy of a float32 tensor's values as one block copy; TorchSharp's element accessor goes element by element
    /// through the native library (over a second for 2 * 10^7 predictions). Beyond what one span can hold, the accessor.
    /// </summary>
    public static float[] ArrayOf(Tensor tensor) =>
        tensor.numel() * sizeof(float) <= int.MaxValue ? FloatsOf(tensor).ToArray() : tensor.cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

    /// <summary>A fresh tensor holding these values; the caller owns it.</summary>
    public static Tensor ToTensor(ParameterValues values) => tensor(values.Data.ToArray(), values.Shape.ToArray(), ScalarType.Float32);
}
