using System.Globalization;
using Functional.Domain.Tensors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Models;

/// <summary>A <c>[Parameter(shape)]</c> as declared: its state_dict key and its shape.</summary>
public sealed record DeclaredParameter(string Key, Seq<long> Shape);

/// <summary>
/// A <c>[Linear(in, out)]</c> as declared: its state_dict prefix, empty when the model is the layer itself (PyTorch's
/// <c>model = nn.Linear(k, 1)</c>, whose keys are <c>weight</c> and <c>bias</c>); its input size, which may be the
/// data's feature count; its output size.
/// </summary>
public sealed record DeclaredLayer(string Prefix, InputWidth Inputs, long Outputs)
{
    public bool IsModel => Prefix.Length == 0;

    /// <summary>The state_dict key of one of the layer's tensors (<c>weight</c> or <c>bias</c>).</summary>
    public string KeyOf(string tensor) => IsModel ? tensor : $"{Prefix}.{tensor}";

    public long InputsFor(int features) => Inputs is InputWidth.Fixed fixedWidth ? fixedWidth.Features : features;

    /// <summary>nn.Linear's extra_repr, as PyTorch prints it inside the module's repr.</summary>
    public string Repr(int features) =>
        $"in_features={InputsFor(features).ToString(CultureInfo.InvariantCulture)}, out_features={Outputs.ToString(CultureInfo.InvariantCulture)}, bias=True";
}

/// <summary>
/// What a declared model holds, in declaration order: its own parameters and its layers. From it follow, for data of a
/// given feature count, the state_dict layout and PyTorch's repr, by PyTorch's rules (below).
/// </summary>
public sealed record ModelLayout(Seq<DeclaredParameter> Parameters, Seq<DeclaredLayer> Layers)
{
    /// <summary>PyTorch's state_dict lists a module's own parameters first, then each sub-module's, all in registration order.</summary>
    public StateDictSpec StateDict(int features) => new(
        Parameters.Map(p => new ParameterSpec(p.Key, p.Shape))
        + Layers.Bind(layer => Seq(
            new ParameterSpec(layer.KeyOf("weight"), Seq(layer.Outputs, layer.InputsFor(features))),
            new ParameterSpec(layer.KeyOf("bias"), Seq1(layer.Outputs)))));

    /// <summary>
    /// <c>repr(model)</c>: <c>Name()</c> for a module of parameters only, one <c>(name): Linear(...)</c> line per layer
    /// otherwise, and <c>Name(in_features=k, out_features=1, bias=True)</c> when the model is the layer itself.
    /// </summary>
    public string Repr(string className, int features) =>
        Layers.Find(layer => layer.IsModel).Match(
            Some: layer => $"{className}({layer.Repr(features)})",
            None: () => Layers.IsEmpty
                ? $"{className}()"
                : $"{className}(\n{string.Concat(Layers.Map(layer => $"  ({layer.Prefix}): Linear({layer.Repr(features)})\n"))})");

    /// <summary>The layout as --help shows it, the data's feature count written as <c>features</c>: <c>weight [1, features], bias [1]</c>.</summary>
    public string Describe() => string.Join(", ",
        Parameters.Map(p => $"{p.Key} [{string.Join(", ", p.Shape)}]")
        + Layers.Bind(layer => Seq(
            $"{layer.KeyOf("weight")} [{layer.Outputs.ToString(CultureInfo.InvariantCulture)}, {InputsText(layer)}]",
            $"{layer.KeyOf("bias")} [{layer.Outputs.ToString(CultureInfo.InvariantCulture)}]")));

    static string InputsText(DeclaredLayer layer) =>
        layer.Inputs is InputWidth.Fixed fixedWidth ? fixedWidth.Features.ToString(CultureInfo.InvariantCulture) : "features";
}
