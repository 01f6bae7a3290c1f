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
    /// Float32 values per row-sized temporary of a block: 2^16 (256 KiB). Blocks this small keep glibc's heap from
    /// fragmenting (with 2^20-value blocks, 4 MiB temporaries interleaved with libtorch's small allocations grew the heap
    /// by 100 to 450 MB, varying from run to run) and fault in almost no fresh pages, while each op still spans two of
    /// libtorch's 32,768-element grains, so both cores work on it; a block's fixed cost (a dozen libtorch calls) stays
    /// small next to its arithmetic. Measured one epoch at 10^7 samples: 23-30 ms, against 40 ms at 2^15, 17-44 ms at 2^18
    /// (up to 9,300 page faults), 39-44 ms at 2^20 (7,000-12,000 faults), and 250 ms unchunked.
    /// </summary>
    public const long ValuesPerBlock = 1L << 16;

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
