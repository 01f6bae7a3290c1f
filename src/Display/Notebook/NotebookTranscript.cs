using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Display.Notebook;

/// <summary>The text each notebook cell shows, in PyTorch's and IPython's own formats.</summary>
public static class NotebookTranscript
{
    public static Seq<string> DataCells(WorkflowResult result)
    {
        var (dataset, split) = (result.Dataset, result.Split);
        return Seq(
            $"Number of X samples: {dataset.Count}",
            $"Number of y samples: {dataset.Count}",
            "First 10 X & y samples:",
            $"X: {Column(dataset.X.Take(10).ToSeq())}",
            $"y: {Column(dataset.Y.Take(10).ToSeq())}",
            $"({split.Train.X.Count}, {split.Train.Y.Count}, {split.Test.X.Count}, {split.Test.Y.Count})");
    }

    /// <summary>The cells <c>model_1, model_1.state_dict()</c> and <c>list(model_1.parameters())</c>.</summary>
    public static Seq<string> ModelCells(string moduleRepr, StateDict initial) => Seq(
        PythonValue.TupleOf(new PythonValue.Leaf(moduleRepr), PythonValue.OrderedDictOf(initial)).Pretty(),
        PythonValue.ListOf(initial.Entries.Map(e => PythonValue.Parameter(e.Value)).ToArray()).Pretty());

    public static Seq<string> TrainingCells(Seq<EpochLog> log) =>
        log.Map(e => TrainingLog.TrainingLogLine(e.Epoch, e.TrainLoss, e.TestLoss));

    /// <summary>The notebook shows the predictions twice: <c>y_preds</c> and <c>y_preds.cpu()</c>.</summary>
    public static Seq<string> PredictionCells(Seq<float> predictions) => Seq(Column(predictions), Column(predictions));

    public static string Saving(string path) => $"Saving model to {path}";

    public static Seq<string> ReloadCells(string moduleRepr, Seq<float> original, Seq<float> reloaded, StateDict loaded) => Seq(
        moduleRepr,
        PyTorchRepr.Tensor(Seq(original.Count, 1L), original.Zip(reloaded).Map(p => p.Item1 == p.Item2).Strict()),
        PythonValue.OrderedDictOf(loaded).Pretty());

    static string Column(Seq<float> values) => PyTorchRepr.Tensor(new ParameterValues(Seq(values.Count, 1L), values));
}
