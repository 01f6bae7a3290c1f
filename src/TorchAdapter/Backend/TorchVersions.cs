namespace Functional.TorchAdapter.Backend;

/// <summary>The versions of the TorchSharp package and of the libtorch it loaded, for run records and file metadata.</summary>
public static class TorchVersions
{
    /// <summary>
    /// major.minor.patch of TorchSharp's assembly version, which its packages keep equal to the package version. Not its
    /// informational-version attribute: the published (natively compiled) CLI keeps no assembly attributes to read.
    /// </summary>
    public static string TorchSharp => typeof(global::TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public static string LibTorch => global::TorchSharp.torch.__version__;
}
