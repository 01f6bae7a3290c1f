using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Display.Reports;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary><c>predict --model PATH [--x 0.5 0.9 ...]</c>: predictions of a saved model, on given x or the notebook's test split.</summary>
public static class PredictCommand
{
    public static int Run(PredictRequest request, Seq<Error> parseProblems, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr) =>
        (from checkedRequest in Check(request, parseProblems)
         from file in ModelFileStore.Read(checkedRequest.Path, request.AllowNonFinite).AsBadInput()
         from spec in ModelMatching.RequireModel(file.Loaded.StateDict, models.Map(m => m.Spec), checkedRequest.Path).AsBadInput()
         from model in models.Find(m => m.Spec.Key == spec.Key).ToFin(Error.New($"unknown model '{spec.Key}'")).AsFailure()
         from device in TorchBackend.LoadAndPickDevice().AsFailure()
         let inputs = checkedRequest.Inputs.IfNone(NotebookTestInputs)
         from predicted in Predictions.OfLoaded(model, file.Loaded.StateDict, inputs, 1, device).AsFailure()
         select new Report(Seq1(ModelFileReports.Predictions(predicted.Predictions)), Seq1($"Model: {ModelFileReports.ModelLine(spec)}")))
        .Match(Succ: report => report.Print(stdout, stderr), Fail: error => ErrorReport.Write(stderr, error));

    /// <summary>The parser's problems, a missing --model and every --x that is not finite, all at once.</summary>
    static Fin<(string Path, Option<Floats> Inputs)> Check(PredictRequest request, Seq<Error> parseProblems)
    {
        var inputs = request.Inputs.Map(values => PredictionInputs.Create("--x", values));
        var problems = parseProblems
            + (request.ModelPath.IsNone ? Seq1(Error.New("predict needs --model PATH, the saved model file (see predict --help)")) : Seq<Error>())
            + inputs.Match(Some: valid => valid.Match(Succ: _ => Seq<Error>(), Fail: errors => errors), None: () => Seq<Error>());
        return problems.IsEmpty
            ? FinSucc((request.ModelPath.IfNone(""), inputs.Bind(valid => valid.ToOption())))
            : FinFail<(string, Option<Floats>)>(Exits.BadInput(Error.Many(problems)));
    }

    static Floats NotebookTestInputs() =>
        Datasets.Split(LineData.Line(DatasetSpec.Notebook), SettingsInput.Notebook.TrainSplit).Test.X;
}
