using System.Runtime.InteropServices;

namespace Functional.TorchAdapter.Backend;

/// <summary>
/// Makes libtorch's matrix products round as the reference PyTorch's do, on every CPU. TorchSharp's libtorch calls
/// Intel MKL, which picks its code by CPU: on an Intel Xeon with AVX-512 it fuses multiplies and adds, so a linear
/// layer's outputs and gradients came out one unit in the last place away from Debian's PyTorch 1.13 (whose BLAS is the
/// reference one) and the exact-loss checks failed there (`mini_batches_uneven_adam` at epoch 24, the linear and MLP
/// runs in blocks), while on AMD EPYC, where MKL does not take those paths, they passed. MKL's conditional numerical
/// reproducibility (<c>MKL_CBWR=COMPATIBLE</c>) keeps it on the one code path every x86-64 CPU has. MKL reads the
/// setting once, at its first call, from the C library's environment (which <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// does not change on Linux), so it is set there before libtorch computes anything; a user's own MKL_CBWR is kept.
/// Call it first thing in a process (the CLI's Program does), before other threads could be reading the environment.
/// </summary>
public static class PyTorchArithmetic
{
    const string Variable = "MKL_CBWR";
    const string Compatible = "COMPATIBLE";

    public static void UseEverywhere()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        try
        {
            _ = setenv(Variable, Compatible, overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to set it in: MKL chooses by CPU.
        }
    }

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    static extern int setenv(string name, string value, int overwrite);
}
