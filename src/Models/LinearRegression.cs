using Functional.Domain.Tensors;
using Functional.Generators;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>The notebook's first model: one weight and one bias, each nn.Parameter(torch.randn(1)).</summary>
[Model("LinearRegressionModel", Key = "parameters")]
public sealed partial record LinearRegression([Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias)
{
    static Tensor Forward(Tensor x, Tensor weight, Tensor bias) => weight * x + bias;
}
