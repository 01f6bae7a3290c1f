using Functional.Domain.Models;

namespace Functional.TorchAdapter.Models;

/// <summary>A declared model with the factory of its generated TorchSharp module.</summary>
public sealed record TorchModel(ModelSpec Spec, Func<ModelModule> Create);
