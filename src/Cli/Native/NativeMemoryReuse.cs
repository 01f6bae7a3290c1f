using System.Runtime.InteropServices;

namespace Functional.Cli.Native;

/// <summary>
/// Tuning of glibc's malloc: for mini-batch training (<see cref="ReturnBatchBuffers"/>, the CLI), and, opt-in, for full-batch training. Every epoch allocates about eight fresh n-float
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

    /// <summary>
    /// For mini-batch training: every batch's tensors of 1 MiB and more are mapped when made and unmapped when freed.
    /// glibc's default adapts its threshold upwards as such buffers are freed, after which they come from its heap, and
    /// thousands of batches of interleaved allocations made that heap grow epoch after epoch (n = 10^8, batches of 10^6:
    /// 1.87 GB after one epoch, 2.03 GB after two; with this, 1.59 GB after either). A fixed threshold turns the adapting
    /// off. Returns false where it does not apply. Process-wide, so only the CLI's entry calls it, once, before training.
    /// </summary>
    public static bool ReturnBatchBuffers()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThreshold, BatchBufferThreshold) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    const int BatchBufferThreshold = 1024 * 1024;

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int parameter, int value);
}
