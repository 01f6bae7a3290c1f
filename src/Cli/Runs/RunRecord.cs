using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Runs;

/// <summary>A run's folder: <c>runs/&lt;timestamp&gt;/</c> with <c>run.json</c>, <c>metrics.csv</c>, <c>model.pt</c> (or <c>.safetensors</c>) and the plots.</summary>
public static class RunRecord
{
    public const string MetricsFile = "metrics.csv";
    public const string RunFile = "run.json";

    /// <summary>The copy of the model file in the run's folder, named by its format's short name.</summary>
    public static string ModelFile(string formatShortName) => $"model.{formatShortName}";

    /// <summary>Sortable and valid in file names everywhere (no colons).</summary>
    public static string FolderName(DateTimeOffset startedAt) =>
        startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The folder made for this run; a second run in the same second gets <c>-2</c>, <c>-3</c>, ...</summary>
    public static Fin<string> CreateFreshFolder(string root, string name)
    {
        try
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<string>(Error.New($"could not write the run record under '{root}': {e.Message}"));
        }
    }

    /// <summary>Takes back a folder made for a record that was then not written.</summary>
    public static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written into it; an empty folder left behind is harmless.
        }
    }
}
