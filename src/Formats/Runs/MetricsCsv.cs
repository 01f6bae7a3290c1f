using System.Globalization;
using Functional.Domain.Training;
using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>The evaluated epochs as CSV, like PyTorch Lightning's CSV logger: one row per evaluation, full float precision.</summary>
public static class MetricsCsv
{
    public const string Header = "epoch,train_loss,test_loss";

    /// <summary>The header, then one row per evaluation; lazy, so a log of millions of rows is never held as text.</summary>
    public static IEnumerable<string> Lines(IEnumerable<EpochLog> log) =>
        log.Select(e => string.Join(",",
            e.Epoch.ToString(CultureInfo.InvariantCulture),
            e.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
            e.TestLoss.ToString("R", CultureInfo.InvariantCulture))).Prepend(Header);

    /// <summary>The whole file, one line each ending in a newline.</summary>
    public static string Text(IEnumerable<EpochLog> log) => string.Concat(Lines(log).Select(line => line + "\n"));

    /// <summary>The whole file written to <paramref name="output"/> as UTF-8, row by row.</summary>
    public static void Write(IEnumerable<EpochLog> log, Stream output)
    {
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        foreach (var line in Lines(log)) writer.WriteLine(line);
    }
}
