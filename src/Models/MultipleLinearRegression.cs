using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>
/// PyTorch's <c>model = nn.Linear(in_features=k, out_features=1)</c> itself, over every feature of the data: the model for
/// a table of k input columns (<c>train --data FILE.csv --model linear</c>); on the notebook's line it is nn.Linear(1, 1).
/// </summary>
[Model("Linear", Key = "linear")]
public sealed partial record MultipleLinearRegression([Linear(Inputs.Features, 1, IsModel = true)] LinearValues Layer)
{
    static Tensor Forward(Tensor x, Linear layer) => layer.call(x);
}
