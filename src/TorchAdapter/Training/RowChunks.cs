using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// Consecutive blocks of rows, so that autograd and inference on a large split keep temporaries the size of a block
/// instead of the split's: libtorch's forward, loss and backward each make several tensors as long as their input,
/// which TorchSharp holds until the step's dispose scope ends. A split of at most <see cref="RowsFor"/> rows is one
/// block, so every run of the notebook's size computes exactly what it did unchunked.
/// </summary>
public static class RowChunks
{
    /// <summary>
    /// Float32 values per row-sized temporary of a block: 2^15 (128 KiB), libtorch's grain size, up to which an op runs
    /// on the calling thread. Larger blocks were measured worse here (one-epoch run at n = 10^8, the other core busy with
    /// other work): 2^16-value blocks split each op over both cores, and their thousands of thread barriers an epoch cost
    /// 5-9 s a run against 2.1 s; 2^20-value blocks fragmented glibc's heap with their 4 MiB temporaries by 100 to 450
    /// MB, varying from run to run. Blocks this small fault in almost no fresh pages, and their fixed cost (a dozen
    /// libtorch calls) stays small next to their arithmetic (an epoch at 10^7 samples: 40 ms, unchunked 250 ms).
    /// </summary>
    public const long ValuesPerBlock = 1L << 15;

    /// <summary>
    /// Rows per block for <paramref name="module"/> on <paramref name="features"/> inputs: <see cref="ValuesPerBlock"/>
    /// divided by the widest row a temporary can have, taken as the larger of the features and the largest dimension of
    /// any parameter (a hidden layer's width), so an MLP's hidden activations stay as small as a line's.
    /// </summary>
    public static long RowsFor(nn.Module module, long features)
    {
        var widest = Math.Max(1, features);
        foreach (var parameter in module.parameters())
            foreach (var dimension in parameter.shape)
                widest = Math.Max(widest, dimension);
        return Math.Max(1, ValuesPerBlock / widest);
    }

    /// <summary>The blocks of <paramref name="rows"/> rows (the last one shorter) covering <paramref name="count"/> rows, in order.</summary>
    public static IEnumerable<(long Start, long Length)> Of(long count, long rows)
    {
        for (long start = 0; start < count; start += rows)
            yield return (start, Math.Min(rows, count - start));
    }
}
