using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Functional.Domain.Metrics;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Training.Schedules;
using Functional.Domain.Workflow;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Formats.Runs;

/// <summary>run.json as bytes and back (System.Text.Json from <see cref="RunRecordDocument"/>).</summary>
public static class RunJson
{
    /// <summary>How the line is made; the numbers are in the config.</summary>
    /// <summary>How a CSV file is read; its path and columns are in the config, its SHA-256 and header here.</summary>
    public const string TableSource = "csv: a header row, then numbers parsed culture-invariant as float64 and stored as float32 (torch.tensor(df.values, dtype=torch.float32))";

    public const string LineSource = "line: X = torch.arange(start, end, step) as float32, y = weight * X + bias, made with libtorch";

    /// <summary>The record of <paramref name="result"/>, whose <see cref="WorkflowResult.TestMetrics"/> are <paramref name="testMetrics"/> (computed once by the caller).</summary>
    public static RunRecordDocument Of(WorkflowResult result, RegressionMetrics testMetrics, RunFacts facts)
    {
        var (settings, training, trained) = (result.Settings, result.Settings.Training, result.Trained);
        var data = settings.Data;
        return new RunRecordDocument(
            RunRecordDocument.CurrentFormatVersion,
            new RunConfig(settings.ModelKey,
                settings.Table.Map(t => t.Path).IfNoneUnsafe((string?)null),
                settings.Table.Map(t => t.Columns.TargetName).IfNoneUnsafe((string?)null),
                settings.Table.Map(t => (IReadOnlyList<string>)t.Columns.FeatureNames.ToList()).IfNoneUnsafe((IReadOnlyList<string>?)null),
                data.Weight, data.Bias, data.Start, data.End, data.Step, settings.TrainSplit, training.Epochs,
                training.LearningRate, training.EvalEvery, BatchSize(training.Step), training.Seed, training.Loss.ToString().ToLowerInvariant(),
                training.Optimizer.ToString().ToLowerInvariant(), training.Step is StepKind.FusedAffine or StepKind.FusedMiniBatch, facts.ModelPath, facts.ModelFormat,
                training.Schedule.Name,
                training.Schedule is ScheduleSpec.StepDecay step ? step.StepSize : null,
                training.Schedule switch { ScheduleSpec.StepDecay decay => decay.Gamma, ScheduleSpec.Exponential exponential => exponential.Gamma, _ => null },
                training.Schedule is ScheduleSpec.Cosine cosine ? cosine.TMax : null,
                training.Schedule is ScheduleSpec.Plateau plateau ? plateau.Factor : null,
                training.Schedule is ScheduleSpec.Plateau plateauPatience ? plateauPatience.Patience : null,
                (training.Monitor.Patience.IsSome ? (int?)training.Monitor.Patience.IfNone(0) : null),
                training.Monitor.IsOn ? training.Monitor.MinDelta : null,
                training.Monitor.RestoreBest,
                facts.CheckpointEvery.IsSome ? facts.CheckpointEvery.IfNone(0) : null,
                facts.Resume.IsSome ? facts.Resume.IfNone("") : null),
            result.Model.ClassName,
            settings.Table.Match(
                Some: table => new DataRecord(TableSource, facts.DataFile.Map(survey => survey.Sha256).IfNoneUnsafe((string?)null),
                    table.Columns.Header.ToList(), result.Dataset.Count, result.Split.Train.Count, result.Split.Test.Count),
                None: () => new DataRecord(LineSource, null, null, result.Dataset.Count, result.Split.Train.Count, result.Split.Test.Count)),
            Parameters(trained.Initial),
            Parameters(trained.Final),
            new EpochRecord(trained.LastEpoch.Epoch, trained.LastEpoch.TrainLoss, trained.LastEpoch.TestLoss),
            Metrics(testMetrics),
            training.Monitor.IsOn ? Monitoring(trained.Monitoring) : null,
            new FilesRecord(facts.ModelCopy, facts.ModelSha256, facts.Metrics, facts.Plots.ToList()),
            facts.StartedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            new DurationsRecord(facts.TrainingDuration.TotalSeconds, facts.TotalDuration.TotalSeconds),
            new VersionsRecord(facts.Versions.Functional, facts.Versions.TorchSharp, facts.Versions.LibTorch, facts.Versions.DotNet));
    }

    static MetricsRecord Metrics(RegressionMetrics metrics) =>
        new(metrics.MeanAbsoluteError, metrics.MeanSquaredError, metrics.RootMeanSquaredError, metrics.RSquared);

    static MonitoringRecord Monitoring(MonitorOutcome outcome) => new(
        (outcome.StoppedAt.IsSome ? (int?)outcome.StoppedAt.IfNone(0) : null),
        (outcome.Best.IsSome ? (int?)outcome.Best.Map(best => best.Epoch).IfNone(0) : null),
        (outcome.Best.IsSome ? (double?)outcome.Best.Map(best => best.TestLoss).IfNone(0f) : null),
        outcome.Restored);

    static int? BatchSize(StepKind step) => step switch { StepKind.MiniBatch mini => mini.Size, StepKind.FusedMiniBatch fused => fused.Size, _ => null };

    static IReadOnlyList<ParameterRecord> Parameters(StateDict stateDict) =>
        stateDict.Entries.Map(entry => new ParameterRecord(entry.Key, entry.Value.Shape.ToList(), entry.Value.Data.ToList())).ToList();

    static readonly JsonSerializerOptions Options = new(RunRecordJson.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly RunRecordJson Context = new(Options);

    /// <summary>The file's bytes: indented UTF-8 JSON and a final newline.</summary>
    public static byte[] Bytes(RunRecordDocument document) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, Context.RunRecordDocument) + "\n");

    /// <summary>
    /// A record written by this format version, every field known and present; otherwise one line saying what is wrong
    /// (the version is checked first, so a newer record is named as such rather than as a list of unknown fields).
    /// </summary>
    public static Fin<RunRecordDocument> Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var version = VersionOf(json);
            if (version.IsFail) return version.Map(_ => default(RunRecordDocument)!);
            var found = version.IfFail(0);
            if (found < RunRecordDocument.OldestReadableVersion || found > RunRecordDocument.CurrentFormatVersion)
                return FinFail<RunRecordDocument>(Error.New(
                    $"is a run record of format version {found}; this program reads versions {RunRecordDocument.OldestReadableVersion} to {RunRecordDocument.CurrentFormatVersion} (replay it with the program that wrote it)"));
            return JsonSerializer.Deserialize(json, Context.RunRecordDocument) is { } document
                ? FinSucc(document)
                : FinFail<RunRecordDocument>(Error.New("is not a run record: it holds null"));
        }
        catch (JsonException e)
        {
            return FinFail<RunRecordDocument>(Error.New(Describe(e)));
        }
    }

    static Fin<int> VersionOf(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return document.RootElement.ValueKind == JsonValueKind.Object
               && document.RootElement.TryGetProperty("format_version", out var version)
               && version.TryGetInt32(out var number)
            ? FinSucc(number)
            : FinFail<int>(Error.New("is not a run record: it has no whole-number field format_version"));
    }

    /// <summary>System.Text.Json's reason in our words, with the field's dotted path (e.g. <c>config.seed</c>).</summary>
    static string Describe(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "" : e.Path.TrimStart('$').TrimStart('.');
        var message = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
        string Field(string name) => path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"has an unknown field '{Field(Quoted(message))}'; a run record of format version {RunRecordDocument.CurrentFormatVersion} has no such field";
        if (message.Contains("missing required properties", StringComparison.Ordinal))
            return $"lacks the field '{Field(Quoted(message[message.IndexOf("including", StringComparison.Ordinal)..]))}' of a run record";
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("null", StringComparison.OrdinalIgnoreCase))
            return $"has a value of the wrong kind at '{path}' (edited by hand?)";
        return $"is not a run record (JSON{(path.Length > 0 ? $" at {path}" : "")}): {message}";
    }

    /// <summary>The first name in single quotes in System.Text.Json's message.</summary>
    static string Quoted(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return start >= 0 && end > start ? message[(start + 1)..end] : "?";
    }
}
