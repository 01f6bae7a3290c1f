using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>A small multi-layer perceptron: Linear(1, 8), ReLU, Linear(8, 1).</summary>
[Model("MlpRegressionModel", Key = "mlp")]
public sealed partial record MlpRegression([Linear(1, 8)] LinearValues Hidden, [Linear(8, 1)] LinearValues Output)
{
    static Tensor Forward(Tensor x, Linear hidden, Linear output) => output.call(nn.functional.relu(hidden.call(x)));
}
