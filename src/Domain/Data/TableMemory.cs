using System.Globalization;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Data;

/// <summary>
/// What training on a table holds in memory, so that a file too large for the machine is refused before it is loaded.
/// The values are held once, as float32 (4 bytes each, the tensors read the same arrays); training adds temporaries for
/// the training rows that depend on how it steps. Measured with bench/csv-scale.sh (README, Your own data).
/// </summary>
public static class TableMemory
{
    /// <summary>The runtime, libtorch, the model, the plots: what a run holds whatever the data (measured at about 190 MiB).</summary>
    public const long FixedBytes = 300L << 20;

    /// <summary>
    /// Per row, besides its values: full-batch autograd keeps its forward and backward temporaries of the whole training
    /// split alive until the step ends (about 7 float32 per row, measured 26 bytes with L1 and nn.Linear); a mini-batch
    /// step only its batch's, and the test split is evaluated whole (a few float32 per test row); --fused none.
    /// </summary>
    public static long TemporaryBytesPerRow(StepKind step) => step switch
    {
        StepKind.FullBatch => 32,
        StepKind.MiniBatch or StepKind.FusedMiniBatch => 8,
        _ => 4,
    };

    public static long BytesPerRow(int features, StepKind step) => 4L * (features + 1) + TemporaryBytesPerRow(step);

    public static long Needed(long rows, int features, StepKind step) => FixedBytes + rows * BytesPerRow(features, step);

    /// <summary>The rows (an upper bound, counted before loading) must fit with what training adds; else the way out is named.</summary>
    public static Validation<Error, long> Fits(string path, long rows, int features, StepKind step, MemoryBudget memory)
    {
        var needed = Needed(rows, features, step);
        if (needed <= memory.AvailableBytes) return Success<Error, long>(rows);
        var miniBatch = new StepKind.MiniBatch(1);
        var way = step is StepKind.FullBatch && Needed(rows, features, miniBatch) <= memory.AvailableBytes
            ? $"train in mini-batches with --batch-size (about {MemoryBudget.Describe(Needed(rows, features, miniBatch))} then)"
            : "train on fewer rows, or fewer columns with --features";
        return Fail<Error, long>(Error.New(
            $"'{path}' has up to {rows.ToString("N0", CultureInfo.InvariantCulture)} rows of {features.ToString(CultureInfo.InvariantCulture)} inputs, " +
            $"which need about {MemoryBudget.Describe(needed)} to train this way ({BytesPerRow(features, step).ToString(CultureInfo.InvariantCulture)} bytes a row), " +
            $"but {MemoryBudget.Describe(memory.AvailableBytes)} is available; {way}"));
    }
}
