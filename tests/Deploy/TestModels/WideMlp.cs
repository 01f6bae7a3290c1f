using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Tests.Deploy.TestModels;

/// <summary>The MLP the deploy checks declare themselves: two input features, relu between two layers, a local.</summary>
[Model("WideMlpModel", Key = "test-wide-mlp")]
public sealed partial record WideMlp([Linear(2, 6)] LinearValues Hidden, [Linear(6, 1)] LinearValues Output)
{
    static Tensor Forward(Tensor x, Linear hidden, Linear output)
    {
        var activation = nn.functional.relu(hidden.call(x));
        return output.forward(activation);
    }
}
