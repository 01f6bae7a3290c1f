using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Domain.Models;

/// <summary>
/// A declared model as pure values: how the CLI names it, PyTorch's class name and repr, its state_dict layout, and,
/// when its forward is <c>weight * x + bias</c> over two one-element parameters, which keys those are.
/// </summary>
public sealed record ModelSpec(string Key, string ClassName, string Repr, StateDictSpec StateDict, Option<AffineForm> Affine);

/// <summary>A forward of the form <c>weight * x + bias</c>: the state_dict keys of its slope and its intercept.</summary>
public sealed record AffineForm(string WeightKey, string BiasKey);
