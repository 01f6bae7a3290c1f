using System.Globalization;
using Functional.Domain.Training;

namespace Functional.Domain.Settings;

/// <summary>
/// How much memory a run may use, as the shell found it available when it started (the core never asks the machine).
/// A dataset that would not fit is refused before anything is allocated.
/// </summary>
public sealed record MemoryBudget(long AvailableBytes)
{
    /// <summary>No limit: for callers whose datasets are small and fixed (tests, benchmarks), never for user input.</summary>
    public static MemoryBudget Unlimited { get; } = new(long.MaxValue);

    /// <summary>
    /// What a run holds apart from its samples (the runtime, libtorch, the model, the plots) on top of
    /// <see cref="BytesPerSample"/>; measured at about 180 MiB, with room to spare.
    /// </summary>
    public const long FixedBytes = 320L << 20;

    /// <summary>
    /// Peak bytes per sample for each way of training, measured (1 epoch, n = 10^7 and 3.3 * 10^7, peak RSS less the
    /// fixed part: full batch 34, mini-batch 26, --fused 19) and rounded up by about 40%: the float32 X and y arrays,
    /// the tensors libtorch copies them into, and for full-batch autograd its n-sized temporaries.
    /// </summary>
    public static long BytesPerSample(StepKind step) => step switch
    {
        StepKind.FusedAffine => 28,
        StepKind.MiniBatch or StepKind.FusedMiniBatch => 36,
        _ => 48,
    };

    /// <summary>The memory a run with <paramref name="samples"/> samples trained this way needs, at most.</summary>
    public static long Needed(long samples, StepKind step) => FixedBytes + samples * BytesPerSample(step);

    public static string Describe(long bytes) =>
        bytes >= 1L << 30
            ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
            : (bytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB";
}
