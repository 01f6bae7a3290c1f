using Functional.Domain.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Plots;

/// <summary>Writes the three figures of a finished run as PNGs into one folder.</summary>
public static class PlotFiles
{
    public const string DataFile = "data.png";
    public const string PredictionsFile = "predictions.png";
    public const string LossFile = "loss.png";

    /// <summary>The paths written, in the order the notebook draws them.</summary>
    public static Fin<Seq<string>> Write(string folder, WorkflowResult result)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var figures = Seq(
                (DataFile, NotebookPlots.Data(result.Split)),
                (PredictionsFile, NotebookPlots.Predictions(result.Split, Some(result.Trained.TestPredictions))),
                (LossFile, NotebookPlots.Loss(result.Trained.Log)));
            return FinSucc(figures.Map(figure =>
            {
                var path = Path.Combine(folder, figure.Item1);
                figure.Item2.SavePng(path, NotebookPlots.Width, NotebookPlots.Height);
                return path;
            }).Strict());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<Seq<string>>(Error.New($"could not write the plots to '{folder}': {e.Message}"));
        }
    }
}
