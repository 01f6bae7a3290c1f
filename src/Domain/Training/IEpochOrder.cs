namespace Functional.Domain.Training;

/// <summary>
/// The order in which each mini-batch epoch visits the training samples, drawn by the shell (for PyTorch's DataLoader,
/// from a TorchSharp generator) so the core stays free of it; its state goes into checkpoints so a resumed run draws
/// the next epoch's order as the saved run would have.
/// </summary>
public interface IEpochOrder : IDisposable
{
    /// <summary>Fills <paramref name="order"/> with the next epoch's permutation of 0 .. order.Length - 1.</summary>
    void NextEpoch(Span<int> order);

    /// <summary>The generator's state, as a checkpoint stores it.</summary>
    byte[] State();

    void Restore(byte[] state);
}
