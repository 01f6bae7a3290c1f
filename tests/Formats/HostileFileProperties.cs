using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Formats;
using Functional.Tests.Formats.Hostile;
using LanguageExt;

namespace Functional.Tests.Formats;

/// <summary>
/// Structure-aware fuzzing of both formats: generated files with any shapes, strides, offsets, dimension counts, dtypes,
/// header JSON and storage sharing. Each file is read or refused with one short error line; nothing escapes as an
/// exception; the reader allocates within its stated budget; each case ends within a generous time (not a speed goal:
/// a wrapped or quadratic walk takes minutes, a correct one milliseconds).
/// </summary>
public sealed class HostileFileProperties
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What reading may allocate, all of it short-lived but counted: a few bytes per file byte (zip directory, pickle
    /// values, JSON), a few KiB per tensor (its pickle values and records), and per element the file's budget allows
    /// (<see cref="FormatLimits.ElementBudget"/>) the float array and the Seq that keeps it (8 bytes).
    /// </summary>
    private static long AllocationBudget(long fileBytes, int tensors) =>
        32 * fileBytes + 8 * FormatLimits.ElementBudget(fileBytes) + 8192L * tensors + (1 << 20);

    [Property(Arbitrary = [typeof(HostileGenerators)], MaxTest = 150)]
    public Property Torch_save_files_are_read_as_strided_views_or_refused_within_budget(HostileTorchSave file)
    {
        var specs = file.Tensors.ToDictionary(t => t.Key);
        return ReadWithinBudget(file.Bytes(), file.Tensors.Count, loaded => loaded.StateDict.Entries.ForAll(entry =>
        {
            var spec = specs[entry.Key];
            var expected = AsStrided(spec, file.Storages[spec.StorageKey]);
            return expected is null || (entry.Value.Shape.SequenceEqual(spec.Shape) && entry.Value.Data.SequenceEqual(expected));
        }));
    }

    [Property(Arbitrary = [typeof(HostileGenerators)], MaxTest = 150)]
    public Property Safetensors_files_are_read_or_refused_within_budget(HostileSafetensorsFile file) =>
        ReadWithinBudget(file.Bytes(), file.TensorCount, loaded => loaded.StateDict.Entries.ForAll(entry =>
            entry.Value.Data.Count == entry.Value.Shape.Fold(1L, (n, d) => n * d)));

    private static Property ReadWithinBudget(byte[] bytes, int tensors, Func<LoadedStateDict, bool> readCorrectly)
    {
        Fin<LoadedStateDict> result;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            result = ModelFile.Read(bytes, allowNonFinite: true);
        }
        catch (Exception e)
        {
            return false.Label($"an exception escaped: {e}");
        }
        var took = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var budget = AllocationBudget(bytes.LongLength, tensors);
        return (allocated <= budget).Label($"allocated {allocated:N0} bytes, budget {budget:N0}")
            .And((took < PerCase).Label($"took {took}"))
            .And(result.Match(
                Succ: loaded => readCorrectly(loaded).Label("loaded values differ from the strided view the file describes"),
                Fail: error => (!error.Message.Contains('\n') && error.Message.Length <= 600).Label($"error line of {error.Message.Length} characters: {error.Message[..Math.Min(600, error.Message.Length)]}")));
    }

    /// <summary>torch.as_strided's definition, element by element (null when the view is too large to check this way).</summary>
    private static float[]? AsStrided(HostileTensor tensor, byte[] storage)
    {
        var count = 1L;
        foreach (var d in tensor.Shape)
        {
            if (d < 0 || (d > 0 && count > (1L << 16) / d)) return null;
            count *= d;
        }
        var values = new float[count];
        var index = new long[tensor.Shape.Length];
        for (var n = 0; n < count; n++)
        {
            var position = tensor.Offset;
            for (var i = 0; i < index.Length; i++) position += index[i] * tensor.Strides[i];
            values[n] = tensor.Float64 ? (float)BitConverter.ToDouble(storage, (int)(position * 8)) : BitConverter.ToSingle(storage, (int)(position * 4));
            for (var i = index.Length - 1; i >= 0 && ++index[i] == tensor.Shape[i]; i--) index[i] = 0;
        }
        return values;
    }
}
