namespace Functional.Tests.Generators;

/// <summary>
/// Declarations written for these tests, one of each kind of component and forward. They are deliberately not the
/// shipped ones in src/Models: editing or adding a shipped model must not change what the generator's tests expect.
/// </summary>
internal static class SampleDeclarations
{
    public const string Usings = """
        using Functional.Domain.Tensors;
        using Functional.Generators;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Samples;

        """;

    public const string Line = Usings + """
        [Model("LineModel", Key = "line")]
        public sealed partial record Line([Parameter(1)] ParameterValues Weight, [Parameter(1)] ParameterValues Bias)
        {
            static Tensor Forward(Tensor x, Tensor weight, Tensor bias) => weight * x + bias;
        }
        """;

    public const string Layer = Usings + """
        [Model("LayerModel", Key = "layer")]
        public sealed partial record Layer([Linear(3, 2)] LinearValues Dense)
        {
            static Tensor Forward(Tensor x, Linear dense) => dense.call(x);
        }
        """;

    public const string Parabola = Usings + """
        [Model("ParabolaModel", Key = "parabola")]
        public sealed partial record Parabola([Parameter(1)] ParameterValues A, [Parameter(2, 1, Name = "b_values")] ParameterValues B)
        {
            static Tensor Forward(Tensor x, Tensor a, Tensor b) => -a * x * x + 0.5 * b;
        }
        """;

    public const string Mlp = Usings + """
        [Model("MlpModel", Key = "mlp-sample")]
        public sealed partial record Mlp([Linear(1, 4)] LinearValues Hidden, [Parameter(1)] ParameterValues Scale, [Linear(4, 1)] LinearValues Output)
        {
            static Tensor Forward(Tensor x, Linear hidden, Tensor scale, Linear output)
            {
                var h = nn.functional.relu(hidden.call(x));
                return output.forward(h * scale).tanh();
            }
        }
        """;

    public static string[] All { get; } = [Line, Layer, Parabola, Mlp];
}
