using Functional.Domain.Tensors;
using Functional.Generators;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>A third-degree polynomial a * x³ + b * x² + c * x + d, fitted to the notebook's line like the quadratic.</summary>
[Model("CubicRegressionModel", Key = "cubic")]
public sealed partial record CubicRegression(
    [Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B, [Parameter(1)] ParameterValues C, [Parameter(1)] ParameterValues D)
{
    static Tensor Forward(Tensor x, Tensor a, Tensor b, Tensor c, Tensor d) => a * x * x * x + b * x * x + c * x + d;
}
