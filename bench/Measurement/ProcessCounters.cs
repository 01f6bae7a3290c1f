namespace Functional.Bench.Measurement;

/// <summary>Linux process counters read from /proc/self: resident memory and minor page faults.</summary>
public static class ProcessCounters
{
    /// <summary>Resident set size in KiB (VmRSS), or peak resident set size (VmHWM).</summary>
    public static long StatusKiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"/proc/self/status has no {field}");
    }

    public static long ResidentKiB() => StatusKiB("VmRSS");

    public static long PeakResidentKiB() => StatusKiB("VmHWM");

    /// <summary>Minor faults so far (field 10 of /proc/self/stat): each is a fresh page the kernel had to map and zero.</summary>
    public static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) may contain spaces, so count fields after its closing parenthesis.
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(afterName[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
