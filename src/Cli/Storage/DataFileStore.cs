using Functional.Domain;
using Functional.Domain.Data;
using Functional.Formats.Csv;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>
/// CSV files on disk: their header, a pass over their bytes (row bound, SHA-256), their values. Each read opens the
/// file afresh and streams it; only a regular, seekable file is read (a pipe could be read only once).
/// </summary>
public static class DataFileStore
{
    public static Fin<Seq<string>> ReadHeader(string path) => Reading(path, stream => CsvTable.ReadHeader(stream, path));

    public static Fin<TableSurvey> Survey(string path) => Reading(path, stream => FinSucc(CsvTable.Survey(stream)));

    public static Fin<Dataset> Load(string path, TableColumns columns, long rowBound) =>
        Reading(path, stream => CsvTable.Load(stream, path, columns, rowBound).ToFin());

    /// <summary>Opens the file for one streaming read; a file that cannot be read is one line naming it and why.</summary>
    public static Fin<A> Reading<A>(string path, Func<Stream, Fin<A>> read)
    {
        if (Directory.Exists(path)) return Error.New($"'{path}' is a folder; give the path of a CSV file");
        if (!File.Exists(path)) return Error.New($"'{path}' does not exist; give the path of a CSV file");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            if (!stream.CanSeek) return Error.New($"'{path}' is not a regular file (a pipe or a device); save the data to a file and give its path");
            if (stream.Length == 0)
                return Error.New($"'{path}' is empty; a table needs a header row naming its columns (e.g. sqft,rooms,price), then a row of numbers per sample");
            return read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return Error.New($"cannot read '{path}': {e.Message}");
        }
    }
}
