using System.Globalization;
using Functional.Cli.Native;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Runs;

/// <summary>A run's folder, and the folders made to hold it (removed again if the record is not written).</summary>
public sealed record RunFolder(string Folder, Seq<string> Created);

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

    /// <summary>
    /// The folder made for this run; a second run in the same second gets <c>-2</c>, <c>-3</c>, ... Each name is taken
    /// with one mkdir that fails if the folder exists, so two runs at once never share a folder.
    /// </summary>
    public static Fin<RunFolder> CreateFreshFolder(string root, string name)
    {
        try
        {
            var created = new List<string>();
            var missing = new Stack<string>();
            for (var path = Path.GetFullPath(root); !Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent; path = parent) missing.Push(path);
            foreach (var folder in missing)
            {
                Directory.CreateDirectory(folder);
                created.Add(folder);
            }
            for (var attempt = 1; ; attempt++)
            {
                var folder = Path.Combine(root, attempt == 1 ? name : $"{name}-{attempt}");
                if (Posix.TryCreateFolder(folder)) return new RunFolder(folder, toSeq(created.Append(Path.GetFullPath(folder))).Strict());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FinFail<RunFolder>(Error.New($"could not write the run record under '{root}': {e.Message}"));
        }
    }
}
