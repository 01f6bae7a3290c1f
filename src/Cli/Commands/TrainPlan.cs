using Functional.Cli.Output;
using Functional.Cli.Progress;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>A main-job request that passed every check: settings the core accepted and places the shell can write to.</summary>
public sealed record TrainPlan(
    RunSettings Settings,
    string OutPath,
    ModelFileFormat Format,
    Option<string> PlotsFolder,
    Option<string> RunsFolder,
    ProgressMode Progress)
{
    /// <summary>Every problem at once, bad input all of them: the parser's, the core's settings check, then the output locations.</summary>
    public static Fin<TrainPlan> Check(TrainRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models)
    {
        // The header of --data is read first: the columns asked for are checked against it with every other setting.
        var header = request.Settings.DataFile.Map(DataFileStore.ReadHeader);
        var settings = RunSettings.Create(request.Settings, models, header);
        var problems = parseProblems
            + settings.Match(Succ: _ => Seq<Error>(), Fail: errors => errors)
            + OutputPathCheck.Problems("--out", request.OutPath)
            + (request.WritePlots ? OutputFolderCheck.Problems("--plots", request.PlotsFolder) : Seq<Error>())
            + (request.WriteRuns ? OutputFolderCheck.Problems("--runs", request.RunsFolder) : Seq<Error>());
        return problems.IsEmpty
            ? settings.Match(
                Succ: valid => FinSucc(new TrainPlan(valid, request.OutPath, ModelFileFormats.For(request.OutPath, request.Format),
                    request.WritePlots ? Some(request.PlotsFolder) : None, request.WriteRuns ? Some(request.RunsFolder) : None, request.Progress)),
                Fail: errors => FinFail<TrainPlan>(Exits.BadInput(Error.Many(errors))))
            : FinFail<TrainPlan>(Exits.BadInput(Error.Many(problems)));
    }
}
