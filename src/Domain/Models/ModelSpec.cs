using Functional.Domain.Tensors;

namespace Functional.Domain.Models;

/// <summary>A declared model as pure values: how the CLI names it, PyTorch's class name and repr, and its state_dict layout.</summary>
public sealed record ModelSpec(string Key, string ClassName, string Repr, StateDictSpec StateDict);
