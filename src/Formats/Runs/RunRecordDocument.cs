using System.Text.Json.Serialization;

namespace Functional.Formats.Runs;

/// <summary>
/// run.json: what a run was asked to do (<see cref="Config"/>, every setting that affects its result and its transcript,
/// named as the flags are), what it trained and wrote, and with which software. <c>train --config run.json</c> replays
/// <see cref="Config"/>. Files are named relative to the record's own folder, which holds all of them.
/// </summary>
public sealed record RunRecordDocument(
    int FormatVersion,
    RunConfig Config,
    string ModelClass,
    DataRecord Data,
    IReadOnlyList<ParameterRecord> InitialParameters,
    IReadOnlyList<ParameterRecord> FinalParameters,
    EpochRecord LastEpoch,
    MetricsRecord TestMetrics,
    MonitoringRecord? Monitoring,
    FilesRecord Files,
    string StartedAt,
    DurationsRecord DurationsSeconds,
    VersionsRecord Versions)
{
    /// <summary>Raised whenever a field is added, removed or changes meaning; a record of another version is refused, not guessed at.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Version 1 had no scheduler, early stopping or monitoring; its records read as runs without them.</summary>
    public const int OldestReadableVersion = 1;
}

/// <summary>
/// The flags of the run, as <c>train</c> takes them (<c>lr</c> is <c>--lr</c>); <c>batch_size</c> is null for the notebook's
/// full batch; <c>data</c>, <c>target</c> and <c>features</c> are null for the line (then weight ... step describe it).
/// The scheduler's arguments are the ones it used (null for another scheduler's); those added in version 2 have
/// defaults, so a version-1 record reads as a run without them.
/// </summary>
public sealed record RunConfig(
    string Model,
    string? Data,
    string? Target,
    IReadOnlyList<string>? Features,
    double Weight,
    double Bias,
    double Start,
    double End,
    double Step,
    double TrainSplit,
    int Epochs,
    double Lr,
    int EvalEvery,
    int? BatchSize,
    long Seed,
    string Loss,
    string Optimizer,
    bool Fused,
    string Out,
    string Format,
    string LrScheduler = "none",
    int? LrStepSize = null,
    double? LrGamma = null,
    int? LrTMax = null,
    double? LrFactor = null,
    int? LrPatience = null,
    int? EarlyStopPatience = null,
    double? EarlyStopMinDelta = null,
    bool RestoreBest = false,
    int? CheckpointEvery = null,
    string? Resume = null);

/// <summary>
/// What watching the test loss found (null when it was not watched): the epoch early stopping stopped after (null: it
/// did not), the best evaluation by its rule, and whether the saved weights are that evaluation's.
/// </summary>
public sealed record MonitoringRecord(int? StoppedAtEpoch, int? BestEpoch, double? BestTestLoss, bool RestoredBest);

/// <summary>
/// Where the samples came from and how many went each way; for a CSV file also its SHA-256 (so an edited copy is told
/// apart) and its header, null for the line.
/// </summary>
public sealed record DataRecord(string Source, string? Sha256, IReadOnlyList<string>? Columns, int Samples, int TrainSamples, int TestSamples);

/// <summary>The test split's regression metrics after training, as scikit-learn defines them.</summary>
public sealed record MetricsRecord(double Mae, double Mse, double Rmse, double R2);

/// <summary>One state_dict entry, in the module's order: its key, shape and row-major values.</summary>
public sealed record ParameterRecord(string Name, IReadOnlyList<long> Shape, IReadOnlyList<float> Values);

/// <summary>The losses of one epoch as Python floats: the last epoch's, evaluated whether or not it is an evaluation epoch.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TestLoss);

/// <summary>The files in the record's folder: a copy of the model file (with its SHA-256, the same bytes as config.out), the metrics and the plots.</summary>
public sealed record FilesRecord(string Model, string ModelSha256, string Metrics, IReadOnlyList<string> Plots);

public sealed record DurationsRecord(double Training, double Total);

public sealed record VersionsRecord(string Functional, string Torchsharp, string Libtorch, string Dotnet);

/// <summary>System.Text.Json's source-generated reader and writer of run.json: snake_case, strict (an unknown or missing field is an error).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunRecordDocument))]
internal sealed partial class RunRecordJson : JsonSerializerContext;
