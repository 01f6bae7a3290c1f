using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// The order in which PyTorch 1.13's <c>DataLoader(dataset, batch_size, shuffle=True,
/// generator=torch.Generator().manual_seed(seed))</c> visits the samples, epoch after epoch. Each epoch run to its end
/// draws, all from that generator (torch/utils/data/dataloader.py and sampler.py, one process):
/// <list type="number">
/// <item><c>iter(loader)</c>: <c>_base_seed = torch.empty((), dtype=torch.int64).random_(generator=g)</c>, one 64-bit draw
/// (two 32-bit words) whose value only worker processes would use;</item>
/// <item>the <c>RandomSampler</c>'s <c>torch.randperm(n, generator=g)</c>: the epoch's order;</item>
/// <item>once that is exhausted, its <c>torch.randperm(n, generator=g).tolist()[:n % n]</c>: no samples, but n - 1 words.</item>
/// </list>
/// The default (global) generator, which made the model's parameters, is never touched. The generator's mt19937 is run
/// here (<see cref="Mt19937"/>), from the state <c>torch.Generator().manual_seed(seed)</c> starts in.
/// </summary>
public sealed class DataLoaderShuffle
{
    byte[] state;
    Mt19937 engine;

    public DataLoaderShuffle(long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        state = Randperm113.StateOf(generator);
        engine = Mt19937.Read(state);
    }

    /// <summary>
    /// The next epoch's order of <c>order.Length</c> training samples, written into <paramref name="order"/>;
    /// <paramref name="final"/> hears how long a prefix of it is final while it is drawn (<see cref="Randperm113.Shuffle"/>).
    /// </summary>
    public void NextEpoch(Span<int> order, Action<int>? final = null)
    {
        engine.Skip(2);
        Randperm113.Shuffle(order, engine, final);
        engine.Skip(order.Length - 1);
    }

    /// <summary>The generator's state, <c>g.get_state()</c>: the bytes PyTorch 1.13's CPU generator gives (mt19937 and its extras).</summary>
    public byte[] State()
    {
        var bytes = (byte[])state.Clone();
        engine.WriteTo(bytes);
        return bytes;
    }

    /// <summary><c>g.set_state(state)</c>: the next epoch draws what the generator that saved it would have drawn.</summary>
    public void Restore(byte[] saved) => (state, engine) = ((byte[])saved.Clone(), Mt19937.Read(saved));
}
