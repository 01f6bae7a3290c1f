using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using Functional.Tests.Formats.Arbitraries;

namespace Functional.Tests.Formats;

public sealed class TorchSaveRoundTripProperties
{
    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 200)]
    public Property Reading_what_was_written_gives_bit_identical_values_and_no_notes(StateDict dict) =>
        TorchSaveFormat.Read(TorchSaveFormat.Write(dict)).Match(
            Succ: loaded => StateDictBits.Same(dict, loaded.StateDict)
                .And(loaded.Notes.IsEmpty.Label($"notes: {string.Join("; ", loaded.Notes)}")),
            Fail: error => false.Label($"read failed: {error.Message}"));

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 50)]
    public Property An_archive_folder_named_after_any_file_stem_reads_back_bit_identical(StateDict dict) =>
        Prop.ForAll(FileNameArbitraries.FileStems(), stem =>
            TorchSaveFormat.Read(TorchSaveFormat.Write(dict, stem)).Match(
                Succ: loaded => StateDictBits.Same(dict, loaded.StateDict),
                Fail: error => false.Label($"read failed: {error.Message}"))
            .Label($"archive folder '{stem}'"));
}
