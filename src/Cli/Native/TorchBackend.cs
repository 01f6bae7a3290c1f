using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Cli.Native;

/// <summary>Loads libtorch once at start-up and picks the device, turning a load failure into one readable line.</summary>
public static class TorchBackend
{
    public static Fin<Device> LoadAndPickDevice()
    {
        try
        {
            return FinSucc(cuda.is_available() ? CUDA : CPU);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            return FinFail<Device>(Error.New(
                $"the TorchSharp native backend could not be loaded ({Innermost(e).Message.Split('\n')[0].Trim()}); run 'dotnet build' so the GLIBCXX fix in build/TorchSharpGlibcxxFix.targets is applied"));
        }
    }

    static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
