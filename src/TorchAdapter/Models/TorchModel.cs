using Functional.Domain.Models;

namespace Functional.TorchAdapter.Models;

/// <summary>
/// A declared model with the factory of its generated TorchSharp module, at the width <see cref="Spec"/> is for; a model
/// sized by the data is made for another width with <see cref="For"/>.
/// </summary>
public sealed record TorchModel(ModelSpec Spec, Func<int, ModelModule> CreateFor)
{
    /// <summary>A model whose module does not depend on the data's width (test doubles, hand-built specs).</summary>
    public TorchModel(ModelSpec spec, Func<ModelModule> create) : this(spec, _ => create())
    {
    }

    /// <summary>A new module for <see cref="Spec"/>'s width, its parameters drawn from libtorch's default generator.</summary>
    public ModelModule Create() => CreateFor(Spec.Features);

    /// <summary>The model for data of <paramref name="features"/> features (itself when its width is fixed).</summary>
    public TorchModel For(int features) => this with { Spec = Spec.For(features) };
}
