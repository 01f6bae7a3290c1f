using Functional.Domain.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

public static class Optimizers
{
    /// <summary>PyTorch's <c>optim.SGD(params, lr)</c> and <c>optim.Adam(params, lr)</c> with their default settings.</summary>
    public static optim.Optimizer For(OptimizerKind kind, IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate) => kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, learningRate),
        OptimizerKind.Adam => new Adam113(parameters, learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer"),
    };
}
