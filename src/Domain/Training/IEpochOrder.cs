namespace Functional.Domain.Training;

/// <summary>
/// The order in which each mini-batch epoch visits the training samples, drawn by the shell (for PyTorch's DataLoader,
/// from a TorchSharp generator's state) so the core stays free of it; its state goes into checkpoints so a resumed run
/// draws the next epoch's order as the saved run would have. An order may be drawn while the epoch already trains on
/// its front: <see cref="Start"/> begins it, <see cref="WaitFor"/> returns once a prefix is final.
/// </summary>
public interface IEpochOrder : IDisposable
{
    /// <summary>
    /// Begins drawing the next epoch's permutation of 0 .. <paramref name="count"/> - 1 into the memory it returns, which
    /// the order owns: it is reused by the next epoch and freed with the order.
    /// </summary>
    ReadOnlyMemory<int> Start(int count);

    /// <summary>Returns once <c>order[0 .. length)</c> of the epoch begun by <see cref="Start"/> holds its final values.</summary>
    void WaitFor(int length);

    /// <summary>Whether <c>order[0 .. length)</c> already holds its final values (<see cref="WaitFor"/> without the wait).</summary>
    bool IsFinal(int length);

    /// <summary>The generator's state after the last epoch begun, as a checkpoint stores it.</summary>
    byte[] State();

    void Restore(byte[] state);
}
