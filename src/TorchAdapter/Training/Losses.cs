using Functional.Domain.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

public static class Losses
{
    /// <summary>PyTorch's <c>nn.L1Loss()</c> and <c>nn.MSELoss()</c>, both with mean reduction.</summary>
    public static Func<Tensor, Tensor, Tensor> For(LossKind kind) => kind switch
    {
        LossKind.L1 => (prediction, target) => nn.functional.l1_loss(prediction, target),
        LossKind.Mse => (prediction, target) => nn.functional.mse_loss(prediction, target),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    /// <summary>
    /// The same losses summed over the samples (<c>reduction="sum"</c>): a block's share of the full batch's mean is its
    /// sum divided by the whole split's count, as gradient accumulation is written in PyTorch.
    /// </summary>
    public static Func<Tensor, Tensor, Tensor> Summed(LossKind kind) => kind switch
    {
        LossKind.L1 => (prediction, target) => nn.functional.l1_loss(prediction, target, nn.Reduction.Sum),
        LossKind.Mse => (prediction, target) => nn.functional.mse_loss(prediction, target, nn.Reduction.Sum),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };
}
