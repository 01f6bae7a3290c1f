using System.Globalization;
using System.Text;
using Functional.Domain.Data;
using LanguageExt;
using LanguageExt.Common;
using nietras.SeparatedValues;
using static LanguageExt.Prelude;

namespace Functional.Formats.Csv;

/// <summary>
/// A CSV table a saved model predicts from (<c>predict --input</c>): its rows copied as they are with a prediction
/// column added. Two streaming passes: the first finds every problem (as training's reading names them), so a bad file
/// writes nothing; the second parses a block of rows at a time, predicts it and writes it, so a file larger than memory
/// works and only one block is ever held.
/// </summary>
public static class PredictionTable
{
    /// <summary>The name of the column the predictions are written in.</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Rows parsed and predicted together: large enough that a forward pass per block costs little, small enough to hold.</summary>
    public const int BlockRows = 1 << 16;

    /// <summary>
    /// The columns the model reads: those named (<c>--features</c>), else every column when there are as many as the model
    /// reads inputs. Every problem at once, each saying what to do.
    /// </summary>
    public static Validation<Error, Seq<int>> Columns(string path, Seq<string> header, Option<Seq<string>> features, int width)
    {
        var problems = new List<Error>();
        if (header.Exists(name => name == PredictionColumn))
            problems.Add(Error.New($"'{path}' already has a column named '{PredictionColumn}', the column predict adds; rename that column"));
        var columns = features.Match(
            Some: names => names.Map(name => header.ToList().IndexOf(name)).Strict(),
            None: () => toSeq(Enumerable.Range(0, header.Count)).Strict());
        features.IfSome(names =>
        {
            foreach (var name in names.Filter(name => !header.Exists(column => column == name)))
                problems.Add(Error.New($"--features '{name}' is not a column of '{path}'; its columns are: {string.Join(", ", header)} (names are matched exactly, case included)"));
            foreach (var group in names.GroupBy(name => name, StringComparer.Ordinal).Where(group => group.Count() > 1))
                problems.Add(Error.New($"--features names '{group.Key}' {group.Count()} times; name each column once"));
        });
        if (problems.Count == 0 && columns.Count != width)
            problems.Add(Error.New(features.IsSome
                ? $"--features names {Show(columns.Count)} columns, but the model reads {Show(width)} inputs; name the {Show(width)} columns it was trained on, in that order"
                : $"the model reads {Show(width)} inputs, but '{path}' has {Show(header.Count)} columns; name the {Show(width)} it was trained on with --features A,B,... (in training's order)"));
        return problems.Count == 0 ? Success<Error, Seq<int>>(columns) : Fail<Error, Seq<int>>(toSeq(problems).Strict());
    }

    /// <summary>The first pass: every problem in the chosen columns (the first <see cref="ProblemList.Shown"/> in full), and at least one row.</summary>
    public static Seq<Error> Problems(Stream stream, string path, Seq<string> header, Seq<int> columns)
    {
        var problems = new ProblemList(path, header);
        var chosen = columns.ToArray();
        var rows = 0L;
        using var reader = CsvReading.Open(stream);
        var headerRow = true;
        foreach (var row in reader)
        {
            if (headerRow || row.Span.IsEmpty)
            {
                headerRow = false;
                continue;
            }
            rows++;
            if (Ragged(row, header.Count) is { } ragged) problems.InRow(row.LineNumberFrom, ragged);
            else
                foreach (var column in chosen)
                    Read(row, column, problems, out _);
        }
        return problems.Errors + (rows == 0 ? Seq1(Error.New($"'{path}' has a header but no rows; give at least one row of numbers to predict from")) : Seq<Error>());
    }

    /// <summary>
    /// The second pass: the header with <see cref="PredictionColumn"/> added, then each row's own text with its prediction
    /// (float32, shortest round-trip text). A problem not seen by the first pass means the file changed in between: an
    /// <see cref="IOException"/>, which makes the output's commit write nothing.
    /// </summary>
    /// <param name="predict">Row-major <c>[rows, columns]</c> inputs to one prediction per row.</param>
    /// <returns>The number of rows written.</returns>
    public static long Write(Stream input, string path, Seq<string> header, Seq<int> columns, Func<float[], int, Fin<float[]>> predict, Stream output)
    {
        var chosen = columns.ToArray();
        var x = new float[BlockRows * chosen.Length];
        var texts = new string[BlockRows];
        var (rows, written) = (0, 0L);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        using var reader = CsvReading.Open(input);
        var headerWritten = false;
        var problems = new ProblemList(path, header);
        foreach (var row in reader)
        {
            if (!headerWritten)
            {
                writer.Write(row.Span);
                writer.Write(',');
                writer.WriteLine(PredictionColumn);
                headerWritten = true;
                continue;
            }
            if (row.Span.IsEmpty) continue;
            if (Ragged(row, header.Count) is { } ragged) problems.InRow(row.LineNumberFrom, ragged);
            else
                for (var j = 0; j < chosen.Length; j++)
                    Read(row, chosen[j], problems, out x[rows * chosen.Length + j]);
            if (!problems.IsEmpty) throw Changed(path);
            texts[rows++] = row.Span.ToString();
            if (rows == BlockRows)
            {
                written += Flush(writer, predict, x, texts, rows);
                rows = 0;
            }
        }
        written += Flush(writer, predict, x, texts, rows);
        return written;
    }

    static int Flush(StreamWriter writer, Func<float[], int, Fin<float[]>> predict, float[] x, string[] texts, int rows)
    {
        if (rows == 0) return 0;
        var predictions = predict(x, rows).Match(Succ: p => p, Fail: error => throw new IOException(error.Message));
        for (var i = 0; i < rows; i++)
        {
            writer.Write(texts[i]);
            writer.Write(',');
            writer.WriteLine(predictions[i].ToString("R", CultureInfo.InvariantCulture));
        }
        return rows;
    }

    static string? Ragged(SepReader.Row row, int width) =>
        row.ColCount == width ? null : $"{Show(row.ColCount)} values, but the header names {Show(width)} columns; give every row one value per column";

    static void Read(SepReader.Row row, int column, ProblemList problems, out float value)
    {
        var cell = row[column];
        var parsed = cell.TryParse<double>(out var number);
        if (CellValues.Problem(parsed, number, cell.Span, out value) is { } problem) problems.InCell(row.LineNumberFrom, column, problem);
    }

    static IOException Changed(string path) =>
        new($"'{path}' changed while it was read (a row that was fine a moment before is not now); predict again when nothing writes to it");

    static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);
}
