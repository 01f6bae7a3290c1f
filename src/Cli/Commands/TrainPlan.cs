using Functional.Cli.Native;
using Functional.Cli.Output;
using Functional.Cli.Plots;
using Functional.Cli.Progress;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training.Checkpoints;
using Functional.Formats;
using Functional.Formats.Checkpoints;
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
    ProgressMode Progress,
    Option<int> CheckpointEvery,
    Option<string> ResumePath,
    Option<Checkpoint> Resume)
{
    /// <summary>Plots are drawn when some folder will hold them.</summary>
    public bool DrawsPlots => WritePlots && (RunsFolder.IsSome || PlotsCopy.IsSome);

    /// <summary>Every problem at once, bad input all of them: the parser's (and --config's), the core's settings check, then the output locations.</summary>
    public static Fin<TrainPlan> Check(TrainRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models) =>
        Check(request, parseProblems, models, AvailableMemory.Read());

    public static Fin<TrainPlan> Check(TrainRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models, MemoryBudget memory)
    {
        // The header of --data is read first: the columns asked for are checked against it with every other setting.
        var header = request.Settings.DataFile.Map(DataFileStore.ReadHeader);
        var settings = RunSettings.Create(request.Settings, models, header, memory);
        var resume = request.Resume.Map(path => ResumeFrom(path, settings, models)).IfNone(Success<Error, Option<Checkpoint>>(None));
        var checkpointEvery = CheckpointEveryProblems(request);
        var plotsCopy = request.WritePlots ? request.PlotsCopy : None;
        var features = settings.Match(Succ: valid => valid.Features, Fail: _ => 1);
        var plots = plotsCopy.Map(folder => PlotTargets(folder, features)).IfNone(Seq<OutputTarget>());
        var problems = parseProblems
            + settings.Match(Succ: _ => Seq<Error>(), Fail: errors => errors)
            + checkpointEvery
            + resume.Match(Succ: _ => Seq<Error>(), Fail: errors => errors)
            + OutputPathCheck.Problems("--out", request.OutPath)
            + plotsCopy.Map(folder => OutputFolderCheck.Problems("--plots", folder)).IfNone(Seq<Error>()) + plots.Bind(OutputTargetCheck.Problems)
            + (request.WriteRuns ? OutputFolderCheck.Problems("--runs", request.RunsFolder) : Seq<Error>())
            + OutputTargetCheck.Collisions(new OutputTarget("--out", request.OutPath).Cons(plots));
        return problems.IsEmpty
            ? settings.Match(
                Succ: valid => FinSucc(new TrainPlan(valid, request.OutPath, ModelFileFormats.For(request.OutPath, request.Format),
                    request.WritePlots, request.WritePlots ? request.PlotsCopy : None, request.WriteRuns ? Some(request.RunsFolder) : None, request.Progress,
                    request.CheckpointEvery, request.Resume, resume.Match(Succ: checkpoint => checkpoint, Fail: _ => None))),
                Fail: errors => FinFail<TrainPlan>(Exits.BadInput(Error.Many(errors))))
            : FinFail<TrainPlan>(Exits.BadInput(Error.Many(problems)));
    }

    /// <summary>Checkpoints go into the run's folder, so they need one.</summary>
    static Seq<Error> CheckpointEveryProblems(TrainRequest request) =>
        request.CheckpointEvery.Match(
            Some: every => (every < 1 ? Seq1(Error.New($"--checkpoint-every must be a whole number of at least 1, got {every}")) : Seq<Error>())
                + (request.WriteRuns ? Seq<Error>() : Seq1(Error.New("--checkpoint-every writes into the run's folder; drop --no-runs or --checkpoint-every"))),
            None: () => Seq<Error>());

    /// <summary>--resume FILE: read with the restricted unpickler, then checked against the settings (when they are valid).</summary>
    static Validation<Error, Option<Checkpoint>> ResumeFrom(string path, Validation<Error, RunSettings> settings, Seq<ModelSpec> models)
    {
        var saved = ModelFileStore.ReadAllBytes(path).Bind(bytes => CheckpointFormat.Read(bytes));
        if (saved.IsFail)
            return Fail<Error, Option<Checkpoint>>(Error.New("--resume " + saved.Match(Succ: _ => "",
                Fail: e => (e.Message.StartsWith('\'') ? e.Message : $"'{path}': {e.Message}")
                    .Replace("give the path of a saved model file", "give the path of a checkpoint, e.g. runs/<timestamp>/last.pt", StringComparison.Ordinal))));
        var checkpoint = saved.IfFail(_ => throw new InvalidOperationException("checked above"));
        return settings.Match(
            Succ: valid => Resumption.Check(checkpoint, valid.Training, valid.Model.StateDict)
                .Map(Some)
                .MapFail(error => Error.New($"--resume '{path}' {error.Message}")),
            Fail: _ => Success<Error, Option<Checkpoint>>(None));
    }

    /// <summary>The plot files a run would write into <paramref name="folder"/>.</summary>
    static Seq<OutputTarget> PlotTargets(string folder, int features) =>
        PlotFiles.Names(features).Map(file => new OutputTarget("--plots", Path.Combine(folder, file))).Strict();
}
