using System.Text.Json;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// The order of samples in mini-batch training against a real PyTorch 1.13 DataLoader(TensorDataset(...), batch_size,
/// shuffle=True, generator=torch.Generator().manual_seed(seed)), epoch after epoch; and 1.13's randperm as we run it
/// ourselves (for very large n) against libtorch's where the two algorithms still agree.
/// </summary>
public sealed class DataLoaderShuffleTests
{
    static readonly long[] Sizes = [1, 2, 7, 80, 100, 1000];
    static readonly long[] Seeds = [0, 42, -7, 1L << 40];
    const int Epochs = 4;

    [RequiresPyTorchFact]
    public void Every_epoch_visits_the_samples_in_the_DataLoaders_order()
    {
        var script = """
            import json, sys, torch
            from torch.utils.data import DataLoader, TensorDataset
            for n in json.loads(sys.argv[1]):
                for seed in json.loads(sys.argv[2]):
                    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=3, shuffle=True,
                                        generator=torch.Generator().manual_seed(seed))
                    print(json.dumps([[i for (batch,) in loader for i in batch.tolist()] for _ in range(4)], separators=(",", ":")))
            """;
        var pytorch = PythonTorch.RunOk(script, JsonSerializer.Serialize(Sizes), JsonSerializer.Serialize(Seeds))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ours = (from n in Sizes
                    from seed in Seeds
                    select JsonSerializer.Serialize(Orders(n, seed))).ToArray();
        Assert.Equal(pytorch, ours);
    }

    /// <summary>
    /// Large orders are drawn on another core while the epoch trains on their front (DataLoaderOrder): each prefix the
    /// order says is final is copied out at once, batch by batch, and the copies, epoch after epoch, are the DataLoader's.
    /// The PyTorch side hashes its batches' indices as int32, so a few hundred thousand samples stay cheap to compare.
    /// </summary>
    [RequiresPyTorchFact]
    public void An_order_drawn_alongside_training_is_final_where_it_says_so_and_is_the_DataLoaders_order()
    {
        const int samples = 300_007, batch = 65_536, epochs = 3;
        const long seed = 1234;
        var script = """
            import hashlib, sys, torch
            from torch.utils.data import DataLoader, TensorDataset
            n, batch, epochs, seed = (int(a) for a in sys.argv[1:5])
            loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch, shuffle=True,
                                generator=torch.Generator().manual_seed(seed))
            for _ in range(epochs):
                print(hashlib.sha256(torch.cat([b for (b,) in loader]).to(torch.int32).numpy().tobytes()).hexdigest())
            """;
        var pytorch = PythonTorch.RunOk(script, $"{samples}", $"{batch}", $"{epochs}", $"{seed}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var order = new DataLoaderOrder(seed);
        var ours = Enumerable.Range(0, epochs).Select(_ =>
        {
            var seen = new int[samples];
            var drawn = order.Start(samples);
            for (var start = 0; start < samples; start += batch)
            {
                var length = Math.Min(batch, samples - start);
                order.WaitFor(start + length);
                drawn.Slice(start, length).CopyTo(seen.AsSpan(start));
            }
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(seen.AsSpan())));
        }).ToArray();
        Assert.Equal(pytorch, ours);
    }

    static long[][] Orders(long n, long seed)
    {
        var shuffle = new DataLoaderShuffle(seed);
        return Enumerable.Range(0, Epochs).Select(_ =>
        {
            var order = new int[n];
            shuffle.NextEpoch(order);
            return order.Select(i => (long)i).ToArray();
        }).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(123456789)]
    public void Our_run_of_the_1_13_shuffle_equals_libtorchs_randperm_below_the_threshold_and_leaves_the_same_generator_state(long seed)
    {
        using var ours = new Generator(unchecked((ulong)seed));
        using var libtorch = new Generator(unchecked((ulong)seed));
        foreach (var n in new[] { 1, 2, 3, 7, 80, 623, 624, 625, 1000, 5000, 100_000 })
        {
            using var managed = Randperm113.Shuffled(n, ours);
            using var native = randperm(n, generator: libtorch);
            Assert.Equal(native.data<long>().ToArray(), managed.data<int>().ToArray().Select(i => (long)i).ToArray());
            Assert.Equal(State(libtorch), State(ours));
        }
    }

    [Fact]
    public void Skipping_k_words_leaves_the_state_a_randperm_of_k_plus_1_leaves()
    {
        foreach (var words in new long[] { 0, 1, 2, 623, 624, 625, 5000 })
        {
            using var skipped = new Generator(42);
            using var drawn = new Generator(42);
            Randperm113.Skip(skipped, words);
            randperm(words + 1, generator: drawn).Dispose();
            Assert.Equal(State(drawn), State(skipped));
        }
    }

    static byte[] State(Generator generator)
    {
        using var state = generator.get_state();
        return state.data<byte>().ToArray();
    }
}
