using Functional.Domain.Tensors;

namespace Functional.Domain.Models;

/// <summary>A declared model: how the CLI names it, PyTorch's class name and repr, its state_dict layout and a factory.</summary>
public sealed record ModelKind(string Key, string ClassName, string Repr, StateDictSpec Spec, Func<ModelModule> Create);
