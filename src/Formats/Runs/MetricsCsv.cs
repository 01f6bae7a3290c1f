using System.Globalization;
using Functional.Domain.Training;
using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>The evaluated epochs as CSV, like PyTorch Lightning's CSV logger: one row per evaluation, full float precision.</summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,test_loss";

    public static Seq<string> Lines(Seq<EpochLog> log) =>
        Prelude.Seq1(Header) + log.Map(e => string.Join(",",
            e.Epoch.ToString(CultureInfo.InvariantCulture),
            e.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
            e.TestLoss.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The whole file, one line each ending in a newline.</summary>
    public static string Text(Seq<EpochLog> log) => string.Concat(Lines(log).Map(line => line + "\n"));
}
