using System.Globalization;
using System.Reflection;
using Functional.Domain.Workflow;
using Functional.Formats.Runs;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Runs;

/// <summary>Writes <c>runs/&lt;timestamp&gt;/metrics.csv</c> and <c>run.json</c> for a finished run.</summary>
public static class RunRecord
{
    public const string MetricsFile = "metrics.csv";
    public const string RunFile = "run.json";

    /// <summary>Sortable and valid in file names everywhere (no colons).</summary>
    public static string FolderName(DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The folder written; a second run in the same second gets <c>-2</c>, <c>-3</c>, ...</summary>
    public static Fin<string> Write(string root, WorkflowResult result, RunFacts facts)
    {
        try
        {
            var folder = CreateFreshFolder(root, FolderName(facts.StartedAt));
            File.WriteAllLines(Path.Combine(folder, MetricsFile), MetricsCsv.Lines(result.Trained.Log));
            File.WriteAllText(Path.Combine(folder, RunFile), RunJson.Of(result, facts) + "\n");
            return FinSucc(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<string>(Error.New($"could not write the run record under '{root}': {e.Message}"));
        }
    }

    static string CreateFreshFolder(string root, string name)
    {
        Directory.CreateDirectory(root);
        for (var attempt = 1; ; attempt++)
        {
            var folder = Path.Combine(root, attempt == 1 ? name : $"{name}-{attempt}");
            if (Directory.Exists(folder)) continue;
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
