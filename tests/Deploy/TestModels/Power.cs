using Functional.Domain.Tensors;
using Functional.Generators;
using static TorchSharp.torch;

namespace Functional.Tests.Deploy.TestModels;

/// <summary>
/// A forward the generator cannot translate (Tensor.pow): it builds with warning FMG014 (silenced in Deploy.csproj, as this
/// one is meant) and trains, but does not export.
/// </summary>
[Model("PowerModel", Key = "test-power")]
public sealed partial record Power([Parameter(1)] ParameterValues Coefficient, [Parameter(1)] ParameterValues Offset)
{
    static Tensor Forward(Tensor x, Tensor coefficient, Tensor offset) => coefficient * x.pow(2) + offset;
}
