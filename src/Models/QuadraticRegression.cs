using Functional.Domain.Tensors;
using Functional.Generators;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>An extension beyond the notebook: a * x² + b * x + c, to show that a new record is all a model needs.</summary>
[Model("QuadraticRegressionModel", Key = "quadratic")]
public sealed partial record QuadraticRegression([Parameter(1)] ParameterValues A, [Parameter(1)] ParameterValues B, [Parameter(1)] ParameterValues C)
{
    static Tensor Forward(Tensor x, Tensor a, Tensor b, Tensor c) => a * x * x + b * x + c;
}
