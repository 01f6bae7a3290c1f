using Functional.Cli.Commands;
using Functional.Cli.Output;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Formats;
using Functional.Formats.Runs;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Runs;

/// <summary>
/// <c>--config run.json</c>: a recorded run's config as the defaults of a new run. Every problem with the file is one
/// line naming it; the settings it holds are then checked like typed ones, so a record edited into nonsense is refused
/// as the same flags would be.
/// </summary>
public static class RecordedConfig
{
    /// <summary>A run.json is a few kilobytes plus the model's parameters twice; anything larger is not one.</summary>
    public const long MaxBytes = 64L << 20;

    public static Fin<TrainDefaults> Read(string path) =>
        ReadBytes(path)
            .Bind(bytes => RunJson.Read(bytes))
            .Bind(document => Defaults(document.Config))
            .Match(Succ: FinSucc, Fail: error => FinFail<TrainDefaults>(Error.Many(Exits.Flatten(error).Map(e => Error.New($"--config '{path}' {e.Message}")))));

    static Fin<byte[]> ReadBytes(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return FinFail<byte[]>(Error.New("does not exist; give the run.json of a run folder, e.g. runs/<timestamp>/run.json"));
            if (info.Length > MaxBytes) return FinFail<byte[]>(Error.New($"is {info.Length} bytes; a run record is at most {MaxBytes} bytes"));
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return FinFail<byte[]>(Error.New($"cannot be read: {e.Message}"));
        }
    }

    /// <summary>The record's words (loss, optimizer, format) read as the flags read them; every one that does not is named.</summary>
    static Fin<TrainDefaults> Defaults(RunConfig config)
    {
        var loss = Word(config.Loss, "config.loss", ("l1", LossKind.L1), ("mse", LossKind.Mse));
        var optimizer = Word(config.Optimizer, "config.optimizer", ("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam));
        var format = Word(config.Format, "config.format", ("pt", ModelFileFormat.TorchSave), ("safetensors", ModelFileFormat.Safetensors));
        var scheduler = Word(config.LrScheduler, "config.lr_scheduler", ("none", SchedulerKind.None), ("step", SchedulerKind.Step),
            ("exponential", SchedulerKind.Exponential), ("cosine", SchedulerKind.Cosine), ("plateau", SchedulerKind.Plateau));
        var problems = toSeq(new[] { loss.Problem, optimizer.Problem, format.Problem, scheduler.Problem }).Somes();
        return problems.IsEmpty
            ? new TrainDefaults(
                new SettingsInput(config.Weight, config.Bias, config.Start, config.End, config.Step, config.TrainSplit, config.Epochs, config.Lr,
                    config.EvalEvery, Optional(config.BatchSize), config.Seed, loss.Value, optimizer.Value, config.Model, config.Fused,
                    new ControlInput(scheduler.Value, Optional(config.LrStepSize), Optional(config.LrGamma), Optional(config.LrTMax),
                        Optional(config.LrFactor), Optional(config.LrPatience), Optional(config.EarlyStopPatience),
                        Optional(config.EarlyStopMinDelta), config.RestoreBest))
                {
                    DataFile = Optional(config.Data),
                    Target = Optional(config.Target),
                    FeatureColumns = Optional(config.Features).Map(names => toSeq(names).Strict()),
                },
                config.Out,
                Some(format.Value),
                Optional(config.CheckpointEvery),
                Optional(config.Resume))
            : FinFail<TrainDefaults>(Error.Many(problems.Map(Error.New)));
    }

    static (T Value, Option<string> Problem) Word<T>(string text, string field, params (string Text, T Value)[] choices)
    {
        foreach (var choice in choices)
            if (string.Equals(choice.Text, text, StringComparison.OrdinalIgnoreCase)) return (choice.Value, None);
        return (choices[0].Value, Some($"has {field} '{text}'; it must be one of {string.Join(", ", choices.Select(c => c.Text))}"));
    }
}
