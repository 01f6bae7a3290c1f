using Functional.Display.PyTorch;
using Functional.Display.Python;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Display.Reports;

/// <summary>What <c>inspect</c> and <c>predict</c> print about a model file.</summary>
public static class ModelFileReports
{
    public static string ModelLine(ModelSpec model) => $"{model.ClassName} (--model {model.Key})";

    /// <summary>The format, the declared model it fits (if any), what loading changed, and the state_dict as IPython shows it.</summary>
    public static Seq<string> Inspection(string format, Option<ModelSpec> model, StateDict stateDict, Seq<string> notes) =>
        Seq(
            $"Format: {format}",
            $"Model: {model.Map(ModelLine).IfNone("no declared model has these keys and shapes")}")
        + notes.Map(note => $"Note: {note}")
        + Seq1(PythonValue.OrderedDictOf(stateDict).Pretty());

    /// <summary>The predictions as the column tensor PyTorch prints for <c>model(X)</c>.</summary>
    public static string Predictions(Floats predictions) => PyTorchRepr.Tensor([predictions.Length, 1L], predictions.Memory);
}
