using Functional.Domain.Tensors;
using Functional.Generators;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.Tests.Shell.BrokenModels;

/// <summary>A declaration that compiles but cannot run: the first layer gives 8 features, the second takes 4.</summary>
[Model("MismatchedMlp", Key = "mismatched-mlp")]
public sealed partial record MismatchedMlp([Linear(1, 8)] LinearValues Hidden, [Linear(4, 1)] LinearValues Output)
{
    static Tensor Forward(Tensor x, Linear hidden, Linear output) => output.call(nn.functional.relu(hidden.call(x)));
}
