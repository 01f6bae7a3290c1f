using Functional.Display.Python;
using Functional.Display.PyTorch;
using Functional.Domain.Data;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Display.Notebook;

/// <summary>The text each notebook cell shows, in PyTorch's and IPython's own formats.</summary>
public static class NotebookTranscript
{
    /// <summary>
    /// Everything the notebook prints, cell by cell: the data, the model before training, the training log (every
    /// evaluation, read lazily: a long run's log is streamed from where the shell keeps it, never held as text), the
    /// predictions, saving, and the reloaded model's predictions compared with the original ones.
    /// </summary>
    public static IEnumerable<string> Of(WorkflowResult result, IEnumerable<EpochLog> evaluations, string savedTo, Floats reloadedPredictions, StateDict reloadedState) =>
        // Enumerable's Concat, not Seq's: a Seq would read the whole log into memory as soon as it is built.
        DataCells(result).AsEnumerable()
            .Concat(ModelCells(result.Model.Repr, result.Trained.Initial))
            .Concat(TrainingCells(evaluations))
            .Concat(PredictionCells(result.Trained.TestPredictions))
            .Append(Saving(savedTo))
            .Concat(ReloadCells(result.Model.Repr, result.Trained.TestPredictions, reloadedPredictions, reloadedState));

    public static Seq<string> DataCells(WorkflowResult result)
    {
        var (dataset, split) = (result.Dataset, result.Split);
        return Seq(
            $"Number of X samples: {dataset.Count}",
            $"Number of y samples: {dataset.Count}",
            "First 10 X & y samples:",
            $"X: {Rows(dataset.X, dataset.Features, 10)}",
            $"y: {Rows(dataset.Y, 1, 10)}",
            $"({split.Train.Count}, {split.Train.Count}, {split.Test.Count}, {split.Test.Count})");
    }

    /// <summary>The cells <c>model_1, model_1.state_dict()</c> and <c>list(model_1.parameters())</c>.</summary>
    public static Seq<string> ModelCells(string moduleRepr, StateDict initial) => Seq(
        PythonValue.TupleOf(new PythonValue.Leaf(moduleRepr), PythonValue.OrderedDictOf(initial)).Pretty(),
        PythonValue.ListOf(initial.Entries.Map(e => PythonValue.Parameter(e.Value)).ToArray()).Pretty());

    public static IEnumerable<string> TrainingCells(IEnumerable<EpochLog> log) =>
        log.Select(e => TrainingLog.TrainingLogLine(e.Epoch, e.TrainLoss, e.TestLoss));

    /// <summary>The notebook shows the predictions twice: <c>y_preds</c> and <c>y_preds.cpu()</c>.</summary>
    public static Seq<string> PredictionCells(Floats predictions) => Seq(Column(predictions), Column(predictions));

    public static string Saving(string path) => $"Saving model to {path}";

    /// <summary>The reloaded model's repr, <c>y_preds == loaded_model_preds</c> and its state_dict.</summary>
    public static Seq<string> ReloadCells(string moduleRepr, Floats original, Floats reloaded, StateDict loaded) => Seq(
        moduleRepr,
        PyTorchRepr.Tensor([original.Length, 1L], Equal(original, reloaded)),
        PythonValue.OrderedDictOf(loaded).Pretty());

    static bool[] Equal(Floats original, Floats reloaded)
    {
        var ours = original.Span;
        var theirs = reloaded.Span;
        var equal = new bool[ours.Length];
        for (var i = 0; i < equal.Length; i++) equal[i] = i < theirs.Length && ours[i] == theirs[i];
        return equal;
    }

    static string Column(Floats values) => PyTorchRepr.Tensor([values.Length, 1L], values.Memory);

    /// <summary>The first rows of a row-major <c>[n, columns]</c> block, as <c>X[:rows]</c> prints.</summary>
    static string Rows(Floats values, int columns, int rows)
    {
        var shown = Math.Min(rows, values.Length / columns);
        return PyTorchRepr.Tensor([shown, columns], values.Slice(0, shown * columns).Memory);
    }
}
