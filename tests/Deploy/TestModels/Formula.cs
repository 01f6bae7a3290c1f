using Functional.Domain.Tensors;
using Functional.Generators;
using static TorchSharp.torch;

namespace Functional.Tests.Deploy.TestModels;

/// <summary>
/// Every translatable operation with numbers on either side: - and /, negation, tanh and sigmoid, a local, a [3]-shaped parameter
/// broadcasting to three outputs. Each subexpression reads x, as torch.onnx.export would otherwise fold it (README "Deploy").
/// </summary>
[Model("FormulaModel", Key = "test-formula")]
public sealed partial record Formula([Parameter(1)] ParameterValues Scale, [Parameter(3)] ParameterValues Shift)
{
    static Tensor Forward(Tensor x, Tensor scale, Tensor shift)
    {
        var scaled = 2 * x * scale - 0.5;
        return 1 / (3 + nn.functional.tanh(-scaled)) + (x - shift).sigmoid() / 4;
    }
}
