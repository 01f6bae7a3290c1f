using System.Reflection;

namespace Functional.TorchAdapter.Backend;

/// <summary>The versions of the TorchSharp package and of the libtorch it loaded, for run records and file metadata.</summary>
public static class TorchVersions
{
    public static string TorchSharp =>
        typeof(global::TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static string LibTorch => global::TorchSharp.torch.__version__;
}
