using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Tests.Formats;

/// <summary>The state_dict of the notebook's <c>LinearRegressionModelV2</c> (<c>nn.Linear(1, 1)</c>) holding the given values.</summary>
internal static class LinearLayerStateDict
{
    public static StateDict With(float weight, float bias) => new(Prelude.Seq(
        new StateEntry("linear_layer.weight", ParameterValues.Of([weight], 1, 1)),
        new StateEntry("linear_layer.bias", ParameterValues.Of([bias], 1))));
}
