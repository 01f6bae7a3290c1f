using Functional.Cli.Plots;
using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Workflow;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using ScottPlot;
using SkiaSharp;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>The PNGs the main job writes: size, not blank, and each series' colour where its points are.</summary>
public sealed class PlotTests
{
    static readonly Lazy<CliRun> Run = new(() => CliProcess.Run("--runs", "records", "--plots", "copies"));

    /// <summary>The notebook's own run in-process: the same numbers the CLI plotted, to know where each point must land.</summary>
    static readonly Lazy<WorkflowResult> Notebook = new(() =>
        RunSettings.Create(SettingsInput.Notebook, ModelCatalog.Specs, MemoryBudget.Unlimited).ToFin()
            .Bind(settings => NotebookWorkflow.Run(settings, ModelCatalog.All, ComputeDevice.Cpu))
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message)));

    /// <summary>The PNG the CLI wrote under that name, decoded.</summary>
    static SKBitmap WrittenPng(string name)
    {
        Assert.Equal(0, Run.Value.ExitCode);
        var path = Path.Combine(RunFolder(), name);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path).Take(4));
        return SKBitmap.Decode(path) ?? throw new InvalidDataException($"{name} does not decode");
    }

    static string RunFolder() => Assert.Single(Directory.GetDirectories(Path.Combine(Run.Value.WorkingDirectory, "records")));

    [Theory]
    [InlineData(PlotFiles.DataFile)]
    [InlineData(PlotFiles.PredictionsFile)]
    [InlineData(PlotFiles.LossFile)]
    public void Plots_copies_the_run_folders_plots_byte_for_byte(string name)
    {
        Assert.Equal(0, Run.Value.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RunFolder(), name)), File.ReadAllBytes(Path.Combine(Run.Value.WorkingDirectory, "copies", name)));
    }

    [Theory]
    [InlineData(PlotFiles.DataFile)]
    [InlineData(PlotFiles.PredictionsFile)]
    [InlineData(PlotFiles.LossFile)]
    public void Each_plot_is_a_1000_by_700_png_that_is_not_blank(string name)
    {
        using var png = WrittenPng(name);
        Assert.Equal((1000, 700), (png.Width, png.Height));
        var everyNinetySeventhPixel = Enumerable.Range(0, png.Width * png.Height / 97).Select(i => png.GetPixel(i * 97 % png.Width, i * 97 / png.Width));
        var distinctColours = everyNinetySeventhPixel.Distinct().Count();
        Assert.True(distinctColours > 5, $"{name} looks blank: {distinctColours} colours");
    }

    [Fact]
    public void The_data_plot_shows_training_points_in_blue_and_test_points_in_green_where_they_are()
    {
        using var png = WrittenPng(PlotFiles.DataFile);
        var split = Notebook.Value.Split;
        var layout = LaidOut(NotebookPlots.Data(split));
        AssertColourAt(png, layout, split.Train.X, split.Train.Y, NotebookPlots.TrainingColor);
        AssertColourAt(png, layout, split.Test.X, split.Test.Y, NotebookPlots.TestColor);
        Assert.Equal(0, CountNear(png, NotebookPlots.PredictionColor));
    }

    [Fact]
    public void The_predictions_plot_adds_the_test_predictions_in_red()
    {
        using var png = WrittenPng(PlotFiles.PredictionsFile);
        var (split, predictions) = (Notebook.Value.Split, Notebook.Value.Trained.TestPredictions);
        var layout = LaidOut(NotebookPlots.Predictions(split, Prelude.Some(predictions)));
        AssertColourAt(png, layout, split.Train.X, split.Train.Y, NotebookPlots.TrainingColor);
        AssertColourAt(png, layout, split.Test.X, predictions, NotebookPlots.PredictionColor);
    }

    [Fact]
    public void The_loss_plot_shows_each_curves_colour_at_all_but_at_most_two_of_the_evaluated_epochs()
    {
        using var png = WrittenPng(PlotFiles.LossFile);
        var log = Notebook.Value.Trained.Curve.Points;
        var layout = LaidOut(NotebookPlots.Loss(log));
        // The curves cross, so a point may be painted by the other curve; most points must show their own colour.
        var epochs = log.Map(e => (float)e.Epoch);
        var trainHits = HitCount(png, layout, epochs, log.Map(e => (float)e.TrainLoss), NotebookPlots.TrainLossColor);
        var testHits = HitCount(png, layout, epochs, log.Map(e => e.TestLoss), NotebookPlots.TestLossColor);
        Assert.True(trainHits >= log.Count - 2, $"the training loss curve shows at {trainHits} of {log.Count} epochs");
        Assert.True(testHits >= log.Count - 2, $"the test loss curve shows at {testHits} of {log.Count} epochs");
    }

    /// <summary>Renders the same plot at the same size so ScottPlot can say where data coordinates land in the PNG.</summary>
    static Plot LaidOut(Plot plot)
    {
        plot.GetImage(NotebookPlots.Width, NotebookPlots.Height).Dispose();
        return plot;
    }

    static void AssertColourAt(SKBitmap png, Plot layout, Floats xs, Floats ys, ScottPlot.Color colour) =>
        Assert.Equal(xs.Length, HitCount(png, layout, xs.ToArray(), ys.ToArray(), colour));

    /// <summary>How many points have their colour within a pixel of where they should be (anti-aliasing blurs the edge, not the centre).</summary>
    static int HitCount(SKBitmap png, Plot layout, IEnumerable<float> xs, IEnumerable<float> ys, ScottPlot.Color colour) =>
        xs.Zip(ys).Count(point =>
        {
            var pixel = layout.GetPixel(new Coordinates(point.Item1, point.Item2));
            return Enumerable.Range(-1, 3).Any(dx => Enumerable.Range(-1, 3).Any(dy =>
                Near(png.GetPixel((int)Math.Round(pixel.X) + dx, (int)Math.Round(pixel.Y) + dy), colour)));
        });

    static int CountNear(SKBitmap png, ScottPlot.Color colour) =>
        Enumerable.Range(0, png.Height).Sum(y => Enumerable.Range(0, png.Width).Count(x => Near(png.GetPixel(x, y), colour)));

    static bool Near(SKColor pixel, ScottPlot.Color colour) =>
        Math.Abs(pixel.Red - colour.R) <= 8 && Math.Abs(pixel.Green - colour.G) <= 8 && Math.Abs(pixel.Blue - colour.B) <= 8;

    [Fact]
    public void A_large_dataset_is_drawn_from_at_most_the_point_cap_per_series_keeping_each_series_ends()
    {
        var spec = DatasetSpec.Create(0.3, 0.9, 0, 1, 1e-5).Match(Succ: s => s, Fail: e => throw new InvalidOperationException(e.Head.Message));
        var split = Datasets.Split(LineData.Line(spec), 0.8);
        var plot = NotebookPlots.Data(split);
        var series = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.InRange(s.Data.GetScatterPoints().Count, 1, NotebookPlots.MaxPointsPerSeries));
        foreach (var (drawn, data, name) in new[] { (series[0], split.Train, "training"), (series[1], split.Test, "test") })
        {
            var points = drawn.Data.GetScatterPoints();
            Assert.Equal(data.X[0], points[0].X, 6);
            Assert.True(points[^1].X > data.X[^1] - 1e-3, $"the drawn {name} points reach the end of the {name} data");
        }
    }
}
