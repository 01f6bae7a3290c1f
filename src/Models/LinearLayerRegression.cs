using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Models;

/// <summary>The notebook's V2 model: the same line through an nn.Linear(1, 1) layer.</summary>
[Model("LinearRegressionModelV2", Key = "linear-layer")]
public sealed partial record LinearLayerRegression([Linear(1, 1)] LinearValues LinearLayer)
{
    static Tensor Forward(Tensor x, Linear linearLayer) => linearLayer.call(x);
}
