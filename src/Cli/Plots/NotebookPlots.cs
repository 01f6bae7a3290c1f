using Functional.Domain.Data;
using Functional.Domain.Training;
using Functional.TorchAdapter.Training;
using LanguageExt;
using ScottPlot;

namespace Functional.Cli.Plots;

/// <summary>
/// The notebook's figures as ScottPlot plots: <c>plot_predictions()</c> (with and without predictions) and the loss curves.
/// Building is separate from saving so a test can ask a plot where a data point lands in pixels.
/// </summary>
public static class NotebookPlots
{
    /// <summary><c>plt.figure(figsize=(10, 7))</c> at matplotlib's 100 dpi.</summary>
    public const int Width = 1000;
    public const int Height = 700;

    /// <summary>matplotlib's <c>c="b"</c>, <c>c="g"</c> and <c>c="r"</c>.</summary>
    public static readonly Color TrainingColor = new(0, 0, 255);
    public static readonly Color TestColor = new(0, 128, 0);
    public static readonly Color PredictionColor = new(255, 0, 0);

    /// <summary>matplotlib's first two cycle colours, which the notebook's loss curves get.</summary>
    public static readonly Color TrainLossColor = Color.FromHex("#1f77b4");
    public static readonly Color TestLossColor = Color.FromHex("#ff7f0e");

    /// <summary><c>s=4</c> is an area of 4 pt²; a 4 px dot keeps the points visible at this size without merging.</summary>
    const float MarkerSize = 4;

    public static Plot Data(DatasetSplit split) => Predictions(split, Option<Floats>.None);

    public static Plot Predictions(DatasetSplit split, Option<Floats> predictions)
    {
        var plot = new Plot();
        Points(plot, split.Train.X, split.Train.Y, TrainingColor, "Training data");
        Points(plot, split.Test.X, split.Test.Y, TestColor, "Test data");
        predictions.IfSome(p => Points(plot, split.Test.X, p, PredictionColor, "Predictions"));
        plot.Legend.FontSize = 14;
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>matplotlib's default black for a reference line (<c>plt.plot(..., "k--")</c>).</summary>
    public static readonly Color IdentityColor = new(0, 0, 0);

    /// <summary>
    /// With more than one input, x is no longer a single axis: the test split's predictions (red) against their actual
    /// values, with the line where they would be equal (black, dashed), as <c>plt.scatter(y_test, y_preds)</c> shows it.
    /// </summary>
    public static Plot PredictedAgainstActual(Floats actual, Floats predicted)
    {
        var plot = new Plot();
        Points(plot, actual, predicted, PredictionColor, "Test predictions");
        var (low, high) = Range(actual, predicted);
        var identity = plot.Add.Line(low, low, high, high);
        identity.Color = IdentityColor;
        identity.LineWidth = 1;
        identity.LinePattern = LinePattern.Dashed;
        identity.LegendText = "Predicted = actual";
        plot.Title("Predicted against actual (test split)");
        plot.XLabel("Actual");
        plot.YLabel("Predicted");
        plot.Legend.FontSize = 14;
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    static (double Low, double High) Range(Floats first, Floats second)
    {
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var values in new[] { first, second })
        {
            foreach (var value in values.Span)
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }
        return (low, high);
    }

    public static Plot Loss(Seq<EpochLog> log)
    {
        var plot = new Plot();
        var epochs = log.Map(e => (double)e.Epoch).ToArray();
        Curve(plot, epochs, log.Map(e => (double)e.TrainLoss).ToArray(), TrainLossColor, "Train loss");
        Curve(plot, epochs, log.Map(e => (double)e.TestLoss).ToArray(), TestLossColor, "Test loss");
        plot.Title("Training and test loss curves");
        plot.XLabel("Epochs");
        plot.YLabel("Loss");
        plot.Legend.FontSize = 14;
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// A 1000-pixel-wide figure cannot show more points than this apart; larger datasets (millions of samples with
    /// --batch-size) are drawn from every k-th sample so plotting stays quick and small.
    /// </summary>
    public const int MaxPointsPerSeries = 20_000;

    static void Points(Plot plot, Floats xs, Floats ys, Color color, string label)
    {
        var stride = Math.Max(1, (xs.Length + MaxPointsPerSeries - 1) / MaxPointsPerSeries);
        var points = plot.Add.ScatterPoints(Every(stride, xs), Every(stride, ys), color);
        points.MarkerSize = MarkerSize;
        points.LegendText = label;
    }

    static double[] Every(int stride, Floats values)
    {
        var points = new double[(values.Length + stride - 1) / stride];
        for (var i = 0; i < points.Length; i++) points[i] = values[i * stride];
        return points;
    }

    static void Curve(Plot plot, double[] xs, double[] ys, Color color, string label)
    {
        var curve = plot.Add.Scatter(xs, ys, color);
        curve.LineWidth = 2;
        curve.MarkerSize = 5;
        curve.LegendText = label;
    }
}
