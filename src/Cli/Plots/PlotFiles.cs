using Functional.Domain.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Plots;

/// <summary>The three figures of a finished run as PNG files.</summary>
public static class PlotFiles
{
    public const string DataFile = "data.png";
    public const string PredictionsFile = "predictions.png";
    public const string LossFile = "loss.png";

    /// <summary>The three figures as PNG bytes, in the order the notebook draws them; touches no file, so it can run beside other work.</summary>
    public static Seq<(string File, byte[] Png)> Render(WorkflowResult result) => Seq(
        (DataFile, Png(NotebookPlots.Data(result.Split))),
        (PredictionsFile, Png(NotebookPlots.Predictions(result.Split, Some(result.Trained.TestPredictions)))),
        (LossFile, Png(NotebookPlots.Loss(result.Trained.Curve.Points)))).Strict();

    static byte[] Png(ScottPlot.Plot plot) => plot.GetImageBytes(NotebookPlots.Width, NotebookPlots.Height, ScottPlot.ImageFormat.Png);

    /// <summary>
    /// Renders a throwaway figure so Skia's native library, its fonts and ScottPlot's code are loaded before the real
    /// figures are needed; the main job runs this on the second core while libtorch loads and the model trains.
    /// </summary>
    public static void WarmUp() => Png(new ScottPlot.Plot());
}
