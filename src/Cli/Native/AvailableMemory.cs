using Functional.Domain.Settings;

namespace Functional.Cli.Native;

/// <summary>
/// The memory a run may use, read once by the shell and handed to the settings check as a value: the kernel's estimate
/// of what can be allocated without swapping (<c>MemAvailable</c> in /proc/meminfo), and no more than the runtime's own
/// limit (a container's memory limit, which <see cref="GC.GetGCMemoryInfo()"/> reports).
/// </summary>
public static class AvailableMemory
{
    public static MemoryBudget Read()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var available = MemAvailable() is { } kernel ? Math.Min(kernel, limit) : limit;
        return new MemoryBudget(available > 0 ? available : long.MaxValue);
    }

    static long? MemAvailable()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                // "MemAvailable:   22837512 kB"
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or /proc hidden: the runtime's limit is all there is.
        }
        return null;
    }
}
