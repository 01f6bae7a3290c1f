using System.Reflection;
using Functional.Formats.Runs;
using Functional.TorchAdapter.Backend;

namespace Functional.Cli;

/// <summary>The versions this process runs with, read once for the run record and the model file's metadata.</summary>
public static class AppVersions
{
    public static SoftwareVersions Read() => new(
        typeof(AppVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(AppVersions).Assembly.GetName().Version?.ToString() ?? "unknown",
        TorchVersions.TorchSharp,
        TorchVersions.LibTorch,
        Environment.Version.ToString());
}
