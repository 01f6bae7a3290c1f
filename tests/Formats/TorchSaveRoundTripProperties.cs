using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;

namespace Functional.Tests.Formats;

public sealed class TorchSaveRoundTripProperties
{
    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 200)]
    public bool Reading_what_was_written_gives_bit_identical_values(StateDict dict) =>
        TorchSaveFormat.Read(TorchSaveFormat.Write(dict)).Match(
            Succ: loaded => StateDicts.BitIdentical(dict, loaded.StateDict) && loaded.Notes.IsEmpty,
            Fail: error => throw new Xunit.Sdk.XunitException(error.Message));

    [Property(Arbitrary = [typeof(StateDictArbitraries)], MaxTest = 50)]
    public bool Any_archive_folder_name_reads_back(StateDict dict) =>
        TorchSaveFormat.Read(TorchSaveFormat.Write(dict, "my_model")).Match(
            Succ: loaded => StateDicts.BitIdentical(dict, loaded.StateDict),
            Fail: _ => false);
}

public static class StateDictArbitraries
{
    public static Arbitrary<StateDict> StateDict() => StateDicts.AnyStateDict();
}
