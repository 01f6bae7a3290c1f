using Functional.Cli.Native;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// A main-job request that passed every check: settings the core accepted and places the shell can write to. Plots go
/// into the run's folder (<see cref="RunsFolder"/>) and, with --plots DIR, also into <see cref="PlotsCopy"/>.
/// </summary>
public sealed record TrainPlan(
    RunSettings Settings,
    string OutPath,
    ModelFileFormat Format,
    bool WritePlots,
    Option<string> PlotsCopy,
    Option<string> RunsFolder,
    ProgressMode Progress)
{
    /// <summary>Plots are drawn when some folder will hold them.</summary>
    public bool DrawsPlots => WritePlots && (RunsFolder.IsSome || PlotsCopy.IsSome);

    /// <summary>Every problem at once, bad input all of them: the parser's (and --config's), the core's settings check, then the output locations.</summary>
    public static Fin<TrainPlan> Check(TrainRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models) =>
        Check(request, parseProblems, models, AvailableMemory.Read());

    public static Fin<TrainPlan> Check(TrainRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models, MemoryBudget memory)
    {
        var settings = RunSettings.Create(request.Settings, models, memory);
        var plotsCopy = request.WritePlots ? request.PlotsCopy : None;
        var plots = plotsCopy.Map(PlotTargets).IfNone(Seq<OutputTarget>());
        var problems = parseProblems
            + settings.Match(Succ: _ => Seq<Error>(), Fail: errors => errors)
            + OutputPathCheck.Problems("--out", request.OutPath)
            + plotsCopy.Map(folder => OutputFolderCheck.Problems("--plots", folder)).IfNone(Seq<Error>()) + plots.Bind(OutputTargetCheck.Problems)
            + (request.WriteRuns ? OutputFolderCheck.Problems("--runs", request.RunsFolder) : Seq<Error>())
            + OutputTargetCheck.Collisions(new OutputTarget("--out", request.OutPath).Cons(plots));
        return problems.IsEmpty
            ? settings.Match(
                Succ: valid => FinSucc(new TrainPlan(valid, request.OutPath, ModelFileFormats.For(request.OutPath, request.Format),
                    request.WritePlots, request.WritePlots ? request.PlotsCopy : None, request.WriteRuns ? Some(request.RunsFolder) : None, request.Progress)),
                Fail: errors => FinFail<TrainPlan>(Exits.BadInput(Error.Many(errors))))
            : FinFail<TrainPlan>(Exits.BadInput(Error.Many(problems)));
    }

    /// <summary>The plot files a run would write into <paramref name="folder"/>.</summary>
    static Seq<OutputTarget> PlotTargets(string folder) =>
        Seq(PlotFiles.DataFile, PlotFiles.PredictionsFile, PlotFiles.LossFile).Map(file => new OutputTarget("--plots", Path.Combine(folder, file))).Strict();
}
