using Functional.Cli.Native;
using Functional.Domain.Training;

namespace Functional.Bench.Modes;

public static class MallocSetting
{
    /// <summary>"default" leaves glibc alone; "reuse" applies NativeMemoryReuse. Returns what is in force.</summary>
    public static string Apply(string requested) => requested switch
    {
        "default" => "default",
        "reuse" => NativeMemoryReuse.KeepFreedMemoryForReuse() ? "reuse" : "default (reuse not supported here)",
        _ => throw new ArgumentException($"unknown --malloc '{requested}' (default, reuse)"),
    };
}
