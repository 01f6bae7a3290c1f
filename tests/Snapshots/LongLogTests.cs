using System.Globalization;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// A run with more evaluations than the loss curve keeps in memory (issue 11, class 10): every evaluation still reaches
/// the transcript and metrics.csv, read back from the spool, in order and with the exact losses.
/// </summary>
public sealed class LongLogTests
{
    [Fact]
    public void Every_evaluation_of_a_run_longer_than_the_loss_curve_is_printed_and_recorded()
    {
        const int Epochs = 5000;
        Assert.True(Epochs > Functional.Domain.Training.LossCurve.Capacity);
        var run = CliProcess.Run("--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--eval-every", "1", "--fused", "--no-plots");
        Assert.Equal(0, run.ExitCode);

        var printed = run.Stdout.Split('\n').Where(line => line.StartsWith("Epoch: ")).ToList();
        var rows = File.ReadAllLines(Directory.GetFiles(Path.Combine(run.WorkingDirectory, "runs"), "metrics.csv", SearchOption.AllDirectories).Single())
            .Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(Epochs, printed.Count);
        Assert.Equal(Epochs, rows.Count);
        foreach (var (row, (line, epoch)) in rows.Zip(printed.Zip(Enumerable.Range(0, Epochs))))
        {
            Assert.Equal(epoch.ToString(CultureInfo.InvariantCulture), row[0]);
            var train = float.Parse(row[1], CultureInfo.InvariantCulture);
            var test = float.Parse(row[2], CultureInfo.InvariantCulture);
            Assert.Equal(Functional.Display.Notebook.TrainingLog.TrainingLogLine(epoch, train, test), line);
        }
        Assert.Empty(Directory.GetFiles(run.WorkingDirectory, ".functional-tmp-*", SearchOption.AllDirectories));
    }
}
