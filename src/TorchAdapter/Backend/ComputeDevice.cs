using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Backend;

/// <summary>Where tensors live and models run, named as PyTorch names it ("cpu", "cuda"); TorchSharp's device stays inside the adapter.</summary>
public sealed class ComputeDevice
{
    internal Device Device { get; }

    ComputeDevice(Device device) => Device = device;

    public static ComputeDevice Cpu { get; } = new(CPU);

    internal static ComputeDevice Of(Device device) => device.type == DeviceType.CPU ? Cpu : new ComputeDevice(device);

    public string Name => Device.type.ToString().ToLowerInvariant();

    public override string ToString() => Name;
}
