using Functional.Domain.Models;

namespace Functional.Domain.Training;

/// <summary>How one epoch updates the parameters.</summary>
public abstract record StepKind
{
    StepKind() { }

    /// <summary>The notebook's way: one autograd step on the whole training split.</summary>
    public sealed record FullBatch : StepKind;

    /// <summary>Shuffled batches smaller than the training split, one autograd step each (as <c>DataLoader(shuffle=True)</c>).</summary>
    public sealed record MiniBatch(int Size) : StepKind;

    /// <summary>Full batch with analytic gradients of <c>weight * x + bias</c>, one pass over the data (<c>--fused</c>).</summary>
    public sealed record FusedAffine(AffineForm Form) : StepKind;
}
