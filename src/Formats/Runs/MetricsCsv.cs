using System.Globalization;
using Functional.Domain.Training;
using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>
/// The evaluated epochs as CSV, like PyTorch Lightning's CSV logger: one row per evaluation, full precision (the float32
/// losses and the double metrics each written shortest round-trip), the test metrics empty where none were computed.
/// </summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,test_loss,test_mae,test_mse,test_rmse,test_r2";

    public static Seq<string> Lines(Seq<EpochLog> log) =>
        Prelude.Seq1(Header) + log.Map(e => string.Join(",",
            e.Epoch.ToString(CultureInfo.InvariantCulture),
            e.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
            e.TestLoss.ToString("R", CultureInfo.InvariantCulture),
            e.Metrics.Match(
                Some: m => string.Join(",", new[] { m.MeanAbsoluteError, m.MeanSquaredError, m.RootMeanSquaredError, m.RSquared }
                    .Select(value => value.ToString("R", CultureInfo.InvariantCulture))),
                None: () => ",,,")));

    /// <summary>The whole file, one line each ending in a newline.</summary>
    public static string Text(Seq<EpochLog> log) => string.Concat(Lines(log).Map(line => line + "\n"));
}
