using System.Globalization;
using Functional.Domain.Training;
using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>
/// The evaluated epochs as CSV, like PyTorch Lightning's CSV logger: one row per printed log line, then the last epoch
/// when it is not one of them. Losses as Python floats (<c>loss.item()</c>), shortest round-trip.
/// </summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,test_loss";

    public static Seq<string> Lines(Seq<EpochLog> log, EpochLog last) =>
        Prelude.Seq1(Header) + (log.Exists(e => e.Epoch == last.Epoch) ? log : log.Add(last)).Map(e => string.Join(",",
            e.Epoch.ToString(CultureInfo.InvariantCulture),
            e.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
            ((double)e.TestLoss).ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>The whole file, one line each ending in a newline.</summary>
    public static string Text(Seq<EpochLog> log, EpochLog last) => string.Concat(Lines(log, last).Map(line => line + "\n"));
}
