using Functional.Domain.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Plots;

/// <summary>The figures of a finished run as PNG files.</summary>
public static class PlotFiles
{
    public const string DataFile = "data.png";
    public const string PredictionsFile = "predictions.png";
    public const string LossFile = "loss.png";
    public const string PredictedAgainstActualFile = "predicted-vs-actual.png";

    /// <summary>
    /// The figures as PNG bytes, in the order the notebook draws them; touches no file, so it can run beside other work.
    /// With one input feature, the notebook's data and predictions plots; with more, where x is not one axis, the test
    /// predictions against the actual values; the loss curves in both cases.
    /// </summary>
    public static Seq<(string File, byte[] Png)> Render(WorkflowResult result) =>
        (result.Dataset.Features == 1
            ? Seq(
                (DataFile, Png(NotebookPlots.Data(result.Split))),
                (PredictionsFile, Png(NotebookPlots.Predictions(result.Split, Some(result.Trained.TestPredictions)))))
            : Seq1((PredictedAgainstActualFile, Png(NotebookPlots.PredictedAgainstActual(result.Split.Test.Y, result.Trained.TestPredictions)))))
        .Add((LossFile, Png(NotebookPlots.Loss(result.Trained.Curve.Points))))
        .Strict();

    /// <summary>The names of the files <see cref="Render"/> makes for data of <paramref name="features"/> inputs, in its order.</summary>
    public static Seq<string> Names(int features) =>
        (features == 1 ? Seq(DataFile, PredictionsFile) : Seq1(PredictedAgainstActualFile)).Add(LossFile).Strict();

    static byte[] Png(ScottPlot.Plot plot) => plot.GetImageBytes(NotebookPlots.Width, NotebookPlots.Height, ScottPlot.ImageFormat.Png);

    /// <summary>
    /// Renders a throwaway figure so Skia's native library, its fonts and ScottPlot's code are loaded before the real
    /// figures are needed; the main job runs this on the second core while libtorch loads and the model trains.
    /// </summary>
    public static void WarmUp() => Png(new ScottPlot.Plot());
}
