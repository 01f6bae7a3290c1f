using Functional.Domain.Models;

namespace Functional.Domain.Training;

/// <summary>How one epoch updates the parameters.</summary>
public abstract record StepKind
{
    StepKind() { }

    /// <summary>The notebook's way: one autograd step on the whole training split.</summary>
    public sealed record FullBatch : StepKind;

    /// <summary>
    /// The batches of PyTorch's <c>DataLoader(shuffle=True)</c> with a generator seeded by the run's seed, in its order,
    /// one autograd step each; a size at least the training split's is one shuffled batch.
    /// </summary>
    public sealed record MiniBatch(int Size) : StepKind;

    /// <summary>Full batch with analytic gradients of <c>weight * x + bias</c>, one pass over the data (<c>--fused</c>).</summary>
    public sealed record FusedAffine(AffineForm Form) : StepKind;

    /// <summary>
    /// <see cref="MiniBatch"/>'s batches in the DataLoader's order, each stepped with <see cref="FusedAffine"/>'s analytic
    /// gradients over its samples (<c>--fused --batch-size</c>).
    /// </summary>
    public sealed record FusedMiniBatch(AffineForm Form, int Size) : StepKind;
}
