using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>
/// What the shell measured and decided about a run, besides the run's own result: the clock, where the model file went
/// and in which format (--out, --format), --checkpoint-every and --resume, the files in the record's folder and the model file's SHA-256, the versions.
/// </summary>
public sealed record RunFacts(
    DateTimeOffset StartedAt,
    TimeSpan TrainingDuration,
    TimeSpan TotalDuration,
    string ModelPath,
    string ModelFormat,
    string ModelCopy,
    string ModelSha256,
    string Metrics,
    Seq<string> Plots,
    SoftwareVersions Versions,
    Option<int> CheckpointEvery,
    Option<string> Resume)
{
    /// <summary>With --data, what a pass over the file found: its SHA-256, recorded so the data can be told apart from an edited copy.</summary>
    public Option<Csv.TableSurvey> DataFile { get; init; }
}
