using System.Globalization;
using System.Security.Cryptography;
using Functional.Domain.Data;
using LanguageExt;
using LanguageExt.Common;
using nietras.SeparatedValues;
using static LanguageExt.Prelude;

namespace Functional.Formats.Csv;

/// <summary>
/// A CSV table of numbers read as the model's data, streaming: the header first (to check the columns asked for), a
/// count of its lines (so the memory it needs is known before anything is allocated), then the values, parsed from the
/// stream straight into the dataset's contiguous float32 blocks, X row-major <c>[n, k]</c> and y <c>[n]</c>. No row
/// becomes an object and the text is never held whole: the reader's buffer is all the text in memory at a time.
/// </summary>
public static class CsvTable
{
    /// <summary>The column names of the first row, or why the file has no header to choose columns from.</summary>
    public static Fin<Seq<string>> ReadHeader(Stream stream, string path)
    {
        using var reader = CsvReading.Open(stream);
        if (!reader.MoveNext())
            return Error.New($"'{path}' is empty; a table needs a header row naming its columns (e.g. sqft,rooms,price), then a row of numbers per sample");
        var names = Names(reader.Current);
        if (names.ForAll(name => double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return Error.New($"'{path}' line 1 holds numbers, not column names; the first row must be a header naming each column (e.g. sqft,rooms,price)");
        return names;
    }

    static Seq<string> Names(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++) names[i] = row[i].ToString();
        return toSeq(names).Strict();
    }

    /// <summary>
    /// One pass over the bytes before any is parsed: a bound on the data rows (<see cref="TableSurvey.RowBound"/>) and
    /// the file's SHA-256, which the run record keeps to say exactly which data a model was trained on.
    /// </summary>
    public static TableSurvey Survey(Stream stream)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        var (lines, last) = (0L, (byte)'\n');
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            sha256.AppendData(buffer, 0, read);
            last = buffer[read - 1];
        }
        return new TableSurvey(Math.Max(0, lines + (last == (byte)'\n' ? 0 : 1) - 1), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    /// <summary>
    /// The table's values in the chosen columns, at most <paramref name="rowBound"/> rows (<see cref="Survey"/>):
    /// every problem is reported (the first <see cref="ProblemList.Shown"/> in full) with its line and column, and any
    /// problem means no dataset. Blank lines are skipped, as pandas skips them. Columns not chosen are not parsed.
    /// </summary>
    public static Validation<Error, Dataset> Load(Stream stream, string path, TableColumns columns, long rowBound)
    {
        var features = columns.Features;
        if (rowBound * features > System.Array.MaxLength)
            return Fail<Error, Dataset>(Error.New(
                $"'{path}' has up to {rowBound.ToString("N0", CultureInfo.InvariantCulture)} rows of {CsvReading.Show(features)} inputs; one array holds at most " +
                $"{System.Array.MaxLength.ToString("N0", CultureInfo.InvariantCulture)} values, so use fewer rows or columns (--features)"));
        var (width, capacity) = (columns.Header.Count, (int)rowBound);
        var x = GC.AllocateUninitializedArray<float>(checked(capacity * features));
        var y = GC.AllocateUninitializedArray<float>(capacity);
        var featureColumns = columns.FeatureColumns.ToArray();
        var problems = new ProblemList(path, columns.Header);
        var rows = 0;
        using var reader = CsvReading.Open(stream);
        var header = true;
        foreach (var row in reader)
        {
            if (header || row.Span.IsEmpty)
            {
                header = false;
                continue;
            }
            if (rows == capacity)
                return Fail<Error, Dataset>(Error.New($"'{path}' changed while it was read (it has more rows than it had a moment before); read it again when nothing writes to it"));
            if (row.ColCount != width)
            {
                problems.InRow(row.LineNumberFrom,
                    $"{CsvReading.Show(row.ColCount)} values, but the header names {CsvReading.Show(width)} columns; give every row one value per column");
                rows++;
                continue;
            }
            for (var j = 0; j < featureColumns.Length; j++)
                Read(row, featureColumns[j], problems, out x[rows * features + j]);
            Read(row, columns.TargetColumn, problems, out y[rows]);
            rows++;
        }
        return problems.IsEmpty
            ? Success<Error, Dataset>(new Dataset(Floats.Of(x).Slice(0, rows * features), Floats.Of(y).Slice(0, rows), features))
            : Fail<Error, Dataset>(problems.Errors);
    }

    static void Read(SepReader.Row row, int column, ProblemList problems, out float value)
    {
        var cell = row[column];
        var parsed = cell.TryParse<double>(out var number);
        if (CellValues.Problem(parsed, number, cell.Span, out value) is { } problem) problems.InCell(row.LineNumberFrom, column, problem);
    }
}

/// <summary>
/// What a pass over a file's bytes tells before it is parsed.
/// </summary>
/// <param name="RowBound">
/// At least as many as the data rows below the header: the line breaks (plus one for a last line without one), less
/// the header's. A value quoted across lines or a blank line makes it an overestimate, never less.
/// </param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
public sealed record TableSurvey(long RowBound, string Sha256);
