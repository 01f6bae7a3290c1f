using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Tests.Deploy.TestModels;

/// <summary>Layers whose shapes do not chain (8 features out, 4 in): it compiles, but neither runs nor exports.</summary>
[Model("BrokenChainModel", Key = "test-broken-chain")]
public sealed partial record BrokenChain([Linear(1, 8)] LinearValues Hidden, [Linear(4, 1)] LinearValues Output)
{
    static Tensor Forward(Tensor x, Linear hidden, Linear output) => output.call(nn.functional.relu(hidden.call(x)));
}
