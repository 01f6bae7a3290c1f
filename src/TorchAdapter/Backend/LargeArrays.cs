using System.Runtime.InteropServices;

namespace Functional.TorchAdapter.Backend;

/// <summary>
/// Memory as long as the dataset (its columns, a split's predictions), asked on Linux to be backed by 2 MB pages
/// (<c>madvise(MADV_HUGEPAGE)</c>, which the "madvise" mode leaves to the program): a shuffled pass touches a random one
/// of hundreds of thousands of 4 KB pages per sample and spends more time walking page tables than reading data, and
/// first touching 80 MB of 4 KB pages is 20,480 page faults (about 0.2 s on a virtual machine) against 40. The request
/// is advice: where it is refused the memory is simply on small pages.
/// </summary>
public static class LargeArrays
{
    const int AdviseHugePages = 14;
    const long HugePage = 2 << 20;

    /// <summary>A pinned array (libtorch may read it in place for as long as the run lasts), uninitialised.</summary>
    public static unsafe T[] Allocate<T>(int length) where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        fixed (T* start = array) AdviseLargePages(start, (long)length * sizeof(T));
        return array;
    }

    /// <summary>
    /// Native memory for a buffer that must be gone, not merely unreachable, once its owner is done (a freed array stays
    /// in the process until a full collection): <see cref="NativeMemory.AlignedFree"/> it.
    /// </summary>
    public static unsafe T* AllocateNative<T>(long length) where T : unmanaged
    {
        var bytes = (nuint)Math.Max(1, length * sizeof(T));
        var start = (T*)NativeMemory.AlignedAlloc(bytes, (nuint)HugePage);
        AdviseLargePages(start, length * sizeof(T));
        return start;
    }

    /// <summary>Asks for the 2 MB-aligned part of memory not yet touched (libtorch's, say) to be backed by 2 MB pages.</summary>
    public static unsafe void AdviseLargePages(void* start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < 2 * HugePage) return;
        var first = ((long)start + HugePage - 1) & ~(HugePage - 1);
        var end = ((long)start + bytes) & ~(HugePage - 1);
        if (end <= first) return;
        try
        {
            _ = madvise((nint)first, (nuint)(end - first), AdviseHugePages);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: small pages.
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int madvise(nint address, nuint length, int advice);
}
