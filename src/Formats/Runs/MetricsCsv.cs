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

    /// <summary>
    /// The header, then one row per evaluation, then the last epoch's when it was not an evaluation; lazy, so a log of
    /// millions of rows is never held as text.
    /// </summary>
    public static IEnumerable<string> Lines(IEnumerable<EpochLog> log, EpochLog last)
    {
        yield return Header;
        var lastLogged = -1;
        foreach (var entry in log)
        {
            lastLogged = entry.Epoch;
            yield return Row(entry);
        }
        if (lastLogged != last.Epoch) yield return Row(last);
    }

    static string Row(EpochLog e) => string.Join(",",
        e.Epoch.ToString(CultureInfo.InvariantCulture),
        e.TrainLoss.ToString("R", CultureInfo.InvariantCulture),
        ((double)e.TestLoss).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>The whole file, one line each ending in a newline.</summary>
    public static string Text(IEnumerable<EpochLog> log, EpochLog last) => string.Concat(Lines(log, last).Select(line => line + "\n"));

    /// <summary>The whole file written to <paramref name="output"/> as UTF-8, row by row.</summary>
    public static void Write(IEnumerable<EpochLog> log, EpochLog last, Stream output)
    {
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        foreach (var line in Lines(log, last)) writer.WriteLine(line);
    }
}
