using Functional.Domain.Training;
using Functional.TorchAdapter.Backend;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// <see cref="DataLoaderShuffle"/>'s epochs for the core's <c>--fused --batch-size</c> steps. A large order is drawn on
/// another core while the epoch trains on the front of it: Fisher-Yates leaves each position final once it has passed
/// it, so batch k can start as soon as the shuffle is past its last sample, and the epoch takes about as long as the
/// slower of the two rather than their sum. The values drawn are the same either way. The order lives in native memory,
/// freed when the run's steps are disposed, so the predictions and checks after training have its room.
/// </summary>
public sealed class DataLoaderOrder(long seed) : IEpochOrder
{
    /// <summary>Below this many samples the order is drawn on the calling thread: handing it over would cost more.</summary>
    const int DrawnAlongsideFrom = 1 << 18;

    readonly DataLoaderShuffle shuffle = new(seed);
    Task drawing = Task.CompletedTask;
    NativeBuffer<int>? order;
    int final;

    public ReadOnlyMemory<int> Start(int count)
    {
        Finish();
        if (order is null || order.Length != count)
        {
            ((IDisposable?)order)?.Dispose();
            order = new NativeBuffer<int>(count);
        }
        Volatile.Write(ref final, 0);
        var drawn = order.Memory;
        if (count < DrawnAlongsideFrom || Environment.ProcessorCount < 2)
            shuffle.NextEpoch(drawn.Span, Publish);
        else
            drawing = Task.Run(() => shuffle.NextEpoch(drawn.Span, Publish));
        return drawn;
    }

    public void WaitFor(int prefix)
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref final) < prefix)
        {
            if (drawing.IsCompleted && Volatile.Read(ref final) < prefix)
            {
                drawing.GetAwaiter().GetResult();
                throw new InvalidOperationException($"the epoch's order holds {final} samples; {prefix} were waited for");
            }
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    public bool IsFinal(int length) => Volatile.Read(ref final) >= length;

    void Publish(int prefix) => Volatile.Write(ref final, prefix);

    public byte[] State()
    {
        Finish();
        return shuffle.State();
    }

    public void Restore(byte[] state)
    {
        Finish();
        shuffle.Restore(state);
    }

    void Finish() => drawing.GetAwaiter().GetResult();

    public void Dispose()
    {
        try
        {
            Finish();
        }
        catch (Exception)
        {
            // The epoch that waited for this order has already reported its failure.
        }
        ((IDisposable?)order)?.Dispose();
        order = null;
    }
}
