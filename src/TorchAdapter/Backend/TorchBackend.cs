using System.Runtime.InteropServices;
using LanguageExt;
using LanguageExt.Common;
using TorchSharp;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Backend;

/// <summary>Loads libtorch once at start-up and picks the device, turning a load failure into one readable line.</summary>
public static class TorchBackend
{
    public static Fin<ComputeDevice> LoadAndPickDevice()
    {
        // TorchSharp prints a long load trace to stdout when it fails; the user gets our one line instead.
        var stdout = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return FinSucc(cuda.is_available() ? ComputeDevice.Of(CUDA) : ComputeDevice.Cpu);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or NotSupportedException or InvalidOperationException)
        {
            return FinFail<ComputeDevice>(Error.New(
                $"the TorchSharp native backend could not be loaded: {Cause()}; run 'dotnet build' so build/TorchSharpGlibcxxFix.targets patches it, and see the README's platform note"));
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>The dynamic loader's own reason (for example a missing GLIBCXX version), which TorchSharp's message hides.</summary>
    static string Cause()
    {
        var library = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).FirstOrDefault();
        if (library is null) return $"libLibTorchSharp.so is missing from {AppContext.BaseDirectory}";
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(library));
            return "libtorch failed to initialise";
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // .NET puts advice first and the loader's reason (dlerror) on the last line.
            return e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        }
    }
}
