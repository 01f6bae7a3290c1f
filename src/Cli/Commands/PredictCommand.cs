using System.Globalization;
using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Display.Reports;
using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Formats.Csv;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// <c>predict --model PATH [--x 0.5 0.9 ...]</c>: predictions of a saved model, on given x or the notebook's test split;
/// <c>predict --model PATH --input data.csv --output predictions.csv</c>: a table's rows with a prediction column, streamed.
/// </summary>
public static class PredictCommand
{
    public static int Run(PredictRequest request, Seq<Error> parseProblems, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr) =>
        (from checkedRequest in Check(request, parseProblems)
         from file in ModelFileStore.Read(checkedRequest.Path, request.AllowNonFinite).AsBadInput()
         from spec in ModelMatching.RequireModel(file.Loaded.StateDict, models.Map(m => m.Spec), checkedRequest.Path).AsBadInput()
         from model in models.Find(m => m.Spec.Key == spec.Key).Map(m => m.For(spec.Features)).ToFin(Error.New($"unknown model '{spec.Key}'")).AsFailure()
         from report in checkedRequest.Table.Match(
             Some: table => FromTable(table, request.Features, model, file.Loaded.StateDict),
             None: () => FromValues(checkedRequest.Inputs, model, file.Loaded.StateDict))
         select report)
        .Match(Succ: report => report.Print(stdout, stderr), Fail: error => ErrorReport.Write(stderr, error));

    static Fin<Report> FromValues(Option<Floats> given, TorchModel model, Domain.Tensors.StateDict state) =>
        from inputs in given.Match(
            Some: values => values.Length % model.Spec.Features == 0
                ? FinSucc(values)
                : FinFail<Floats>(Exits.BadInput(Error.New(
                    $"--x gives {values.Length} values, but {model.Spec.ClassName} reads {model.Spec.Features} inputs per row; give a multiple of {model.Spec.Features}, row after row"))),
            None: () => model.Spec.Features == 1
                ? FinSucc(NotebookTestInputs())
                : FinFail<Floats>(Exits.BadInput(Error.New(
                    $"{model.Spec.ClassName} reads {model.Spec.Features} inputs per row, so it cannot predict the notebook's line; give --input data.csv --output predictions.csv, or --x"))))
        from device in TorchBackend.LoadAndPickDevice().AsFailure()
        from predicted in Predictions.OfLoaded(model, state, inputs, model.Spec.Features, device).AsFailure()
        select new Report(Seq1(ModelFileReports.Predictions(predicted.Predictions)), Seq1($"Model: {ModelFileReports.ModelLine(model.Spec)}"));

    /// <summary>
    /// Checks the whole table first (header, columns, every cell), so a bad file is reported and nothing is written; then
    /// reads it again block by block into the output, which is put in place whole or not at all.
    /// </summary>
    static Fin<Report> FromTable((string Input, string Output) table, Option<Seq<string>> features, TorchModel model, Domain.Tensors.StateDict state)
    {
        var written = 0L;
        return
            from header in DataFileStore.ReadHeader(table.Input).AsBadInput()
            from columns in PredictionTable.Columns(table.Input, header, features, model.Spec.Features).ToFin().AsBadInput()
            from valid in DataFileStore.Reading(table.Input, stream => PredictionTable.Problems(stream, table.Input, header, columns) switch
            {
                { IsEmpty: true } => FinSucc(unit),
                var problems => FinFail<Unit>(Error.Many(problems)),
            }).AsBadInput()
            from device in TorchBackend.LoadAndPickDevice().AsFailure()
            from done in Predictions.WithLoaded(model, state, device, predict =>
                OutputCommit.Write(Seq1(new OutputFile(table.Output, OutputContent.Streamed(output =>
                    written = DataFileStore.Reading(table.Input, input => FinSucc(PredictionTable.Write(input, table.Input, header, columns, predict, output)))
                        .Match(Succ: rows => rows, Fail: error => throw new IOException(error.Message))))))).AsFailure()
            select new Report(Seq<string>(), Seq(
                $"Model: {ModelFileReports.ModelLine(model.Spec)}",
                $"Wrote {table.Output} ({written.ToString("N0", CultureInfo.InvariantCulture)} rows of {table.Input} with a '{PredictionTable.PredictionColumn}' column)"));
    }

    /// <summary>The parser's problems, a missing --model, --input without --output (or the reverse), and every --x that is not finite, all at once.</summary>
    static Fin<(string Path, Option<Floats> Inputs, Option<(string Input, string Output)> Table)> Check(PredictRequest request, Seq<Error> parseProblems)
    {
        var inputs = request.Inputs.Map(values => PredictionInputs.Create("--x", values));
        var problems = parseProblems
            + (request.ModelPath.IsNone ? Seq1(Error.New("predict needs --model PATH, the saved model file (see predict --help)")) : Seq<Error>())
            + inputs.Match(Some: valid => valid.Match(Succ: _ => Seq<Error>(), Fail: errors => errors), None: () => Seq<Error>())
            + TableProblems(request);
        return problems.IsEmpty
            ? FinSucc((request.ModelPath.IfNone(""), inputs.Bind(valid => valid.ToOption()),
                from input in request.InputPath from output in request.OutputPath select (input, output)))
            : FinFail<(string, Option<Floats>, Option<(string, string)>)>(Exits.BadInput(Error.Many(problems)));
    }

    static Seq<Error> TableProblems(PredictRequest request) =>
        (request.InputPath.IsSome, request.OutputPath.IsSome) switch
        {
            (true, false) => Seq1(Error.New("--input needs --output FILE.csv, where to write its rows with their predictions")),
            (false, true) => Seq1(Error.New("--output needs --input FILE.csv, the table to predict from")),
            (false, false) => request.Features.IsSome ? Seq1(Error.New("--features names columns of --input; give --input FILE.csv and --output FILE.csv")) : Seq<Error>(),
            _ => (request.Inputs.IsSome ? Seq1(Error.New("--x and --input both give inputs; give one of them")) : Seq<Error>())
                 + request.OutputPath.Map(output => OutputPathCheck.Problems("--output", output)).IfNone(Seq<Error>())
                 + (request.InputPath.IfNone("") is var input && request.OutputPath.Exists(output => Path.GetFullPath(output) == Path.GetFullPath(input))
                     ? Seq1(Error.New($"--output '{input}' is --input itself; write the predictions to another file, e.g. {Path.ChangeExtension(input, ".predictions.csv")}"))
                     : Seq<Error>()),
        };

    static Floats NotebookTestInputs() =>
        Datasets.Split(LineData.Line(DatasetSpec.Notebook), SettingsInput.Notebook.TrainSplit).Test.X;
}
