using System.Runtime.InteropServices;

namespace Functional.Cli.Native;

/// <summary>
/// Opt-in tuning of glibc's malloc for full-batch training. Every epoch allocates about eight fresh n-float
/// temporaries (forward, loss, backward). By default glibc hands buffers of 128 KiB and more (a threshold that
/// adapts up to 32 MiB) straight back to the kernel when freed, and trims the top of its heap, so the next epoch
/// page-faults the same megabytes in again, zero-filled: at n = 10^6 that is hundreds to thousands of faults and
/// several milliseconds per epoch, more than the arithmetic (measured in bench/README.md). Keeping freed memory
/// for reuse removes those faults; numbers are unchanged because only where buffers live changes. The cost is
/// that the process keeps its peak native heap instead of returning it to the system.
/// This is process-wide state, so only an entry point (a CLI, a benchmark) should call it, once, at start-up.
/// </summary>
public static class NativeMemoryReuse
{
    // glibc's mallopt parameters (malloc.h).
    const int TrimThreshold = -1;
    const int MmapThreshold = -3;
    const int MmapMax = -4;

    /// <summary>The largest threshold glibc accepts on 64-bit (HEAP_MAX_SIZE / 2).</summary>
    const int LargestMmapThreshold = 32 * 1024 * 1024;

    /// <summary>
    /// Serves every allocation from the heap (no mmap) and never trims it. Returns false where it does not apply
    /// (not Linux, or a C library without mallopt), leaving the allocator as it was.
    /// </summary>
    public static bool KeepFreedMemoryForReuse()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, LargestMmapThreshold) == 1
                   && mallopt(MmapMax, 0) == 1
                   && mallopt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int parameter, int value);
}
