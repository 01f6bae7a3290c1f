using System.Globalization;
using Functional.Cli.Plots;
using Functional.Domain.Data;
using Functional.Tests.Shared;
using SkiaSharp;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// With more than one input there is no x axis to draw the data on: the run's figures are the test predictions against
/// the actual values (red, where each point is) with the identity line, and the loss curves; the notebook's data and
/// predictions plots are not made, in the run folder or in the --plots copy.
/// </summary>
public sealed class CsvPlotTests
{
    static readonly Lazy<CliRun> Run = new(() => CliProcess.Run("train", "--data", RepositoryFiles.PathOf("examples/houses.csv"), "--model", "linear",
        "--optimizer", "adam", "--loss", "mse", "--lr", "0.05", "--epochs", "200", "--out", "houses.pt", "--runs", "records", "--plots", "copies"));

    static string RunFolder() => Assert.Single(Directory.GetDirectories(Path.Combine(Run.Value.WorkingDirectory, "records")));

    [Fact]
    public void A_table_of_several_inputs_gets_predicted_against_actual_and_the_loss_plots_in_the_run_folder_and_the_copy()
    {
        Assert.True(Run.Value.ExitCode == 0, Run.Value.Stderr);
        Assert.Equal(["loss.png", "metrics.csv", "model.pt", "predicted-vs-actual.png", "run.json"], Directory.GetFiles(RunFolder()).Select(Path.GetFileName).Order());
        Assert.Equal(["loss.png", "predicted-vs-actual.png"], Directory.GetFiles(Path.Combine(Run.Value.WorkingDirectory, "copies")).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(RunFolder(), "predicted-vs-actual.png")),
            File.ReadAllBytes(Path.Combine(Run.Value.WorkingDirectory, "copies", "predicted-vs-actual.png")));
        Assert.Contains("(run.json, metrics.csv, model.pt, predicted-vs-actual.png, loss.png)", Run.Value.Stderr);
    }

    [Fact]
    public void Each_test_prediction_is_a_red_point_at_its_actual_and_predicted_value_beside_the_dashed_identity_line()
    {
        Assert.True(Run.Value.ExitCode == 0, Run.Value.Stderr);
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("examples/houses.csv"));
        var testRows = lines.Skip(1 + (int)(0.8 * (lines.Length - 1))).ToArray();
        var folder = Run.Value.WorkingDirectory;
        File.WriteAllLines(Path.Combine(folder, "test.csv"), [lines[0], .. testRows]);
        var predict = CliProcess.RunIn(folder, "predict", "--model", "houses.pt", "--input", "test.csv", "--features", "area,age,rooms", "--output", "predicted.csv");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var rows = File.ReadAllLines(Path.Combine(folder, "predicted.csv")).Skip(1).Select(line => line.Split(',')).ToArray();
        var actual = Floats.Of(rows.Select(r => float.Parse(r[3], CultureInfo.InvariantCulture)).ToArray());
        var predicted = Floats.Of(rows.Select(r => float.Parse(r[4], CultureInfo.InvariantCulture)).ToArray());

        using var png = SKBitmap.Decode(Path.Combine(RunFolder(), PlotFiles.PredictedAgainstActualFile));
        Assert.Equal((1000, 700), (png.Width, png.Height));
        var layout = PlotTests.LaidOut(NotebookPlots.PredictedAgainstActual(actual, predicted));
        Assert.Equal(actual.Length, PlotTests.HitCount(png, layout, actual.ToArray(), predicted.ToArray(), NotebookPlots.PredictionColor));
        var (low, high) = (Math.Min(actual.ToArray().Min(), predicted.ToArray().Min()), Math.Max(actual.ToArray().Max(), predicted.ToArray().Max()));
        var along = Enumerable.Range(1, 99).Select(i => low + (high - low) * i / 100f).ToArray();
        // A one-pixel black line is anti-aliased to greys: a dark pixel within a pixel of the diagonal is on it.
        var onIdentity = along.Count(value =>
        {
            var pixel = layout.GetPixel(new ScottPlot.Coordinates(value, value));
            return Enumerable.Range(-1, 3).Any(dx => Enumerable.Range(-1, 3).Any(dy =>
                png.GetPixel((int)Math.Round(pixel.X) + dx, (int)Math.Round(pixel.Y) + dy) is var c && c.Red < 128 && c.Green < 128 && c.Blue < 128));
        });
        Assert.True(onIdentity is > 25 and < 95, $"the dashed identity line shows at {onIdentity} of {along.Length} points along the diagonal");
    }
}
