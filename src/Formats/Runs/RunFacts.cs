using LanguageExt;

namespace Functional.Formats.Runs;

/// <summary>What the shell measured and decided about a run, besides the run's own result: the clock, paths and versions.</summary>
public sealed record RunFacts(
    DateTimeOffset StartedAt,
    TimeSpan TrainingDuration,
    TimeSpan TotalDuration,
    string ModelPath,
    string ModelFormat,
    Seq<string> Plots,
    SoftwareVersions Versions);
