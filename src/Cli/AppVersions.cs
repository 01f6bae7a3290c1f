using Functional.Formats.Runs;
using Functional.TorchAdapter.Backend;

namespace Functional.Cli;

/// <summary>The versions this process runs with, read once for the run record and the model file's metadata.</summary>
public static class AppVersions
{
    /// <summary>Ours, as major.minor.patch of the assembly version (the published CLI keeps no informational-version attribute to read).</summary>
    public static string Functional => typeof(AppVersions).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static SoftwareVersions Read() => new(Functional, TorchVersions.TorchSharp, TorchVersions.LibTorch, Environment.Version.ToString());
}
