using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Formats.Csv;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>A CSV file's values, loaded and split, with what the pass over its bytes found.</summary>
public sealed record LoadedTable(Dataset Dataset, DatasetSplit Split, TableSurvey Survey);

/// <summary>
/// The data a checked request trains on, when it is a file (the notebook's line is made later, with libtorch): a pass
/// over the bytes bounds the rows, the memory that needs is weighed against what is available, then the values are
/// parsed and split. Every refusal is bad input (exit code 2), before libtorch is loaded or anything is written.
/// </summary>
public static class TrainData
{
    public static Fin<Option<LoadedTable>> Load(RunSettings settings, MemoryBudget memory) =>
        settings.Table.Match(
            None: () => FinSucc(Option<LoadedTable>.None),
            Some: table => (
                    from survey in DataFileStore.Survey(table.Path)
                    from rows in TableMemory.Fits(table.Path, survey.RowBound, table.Columns.Features, settings.Training.Step, memory).ToFin()
                    from dataset in DataFileStore.Load(table.Path, table.Columns, rows)
                    from split in Datasets.SplitLoaded(dataset, settings.TrainSplit, table.Path).ToFin()
                    select Some(new LoadedTable(dataset, split, survey)))
                .AsBadInput());
}
