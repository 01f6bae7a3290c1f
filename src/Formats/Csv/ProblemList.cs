using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Formats.Csv;

/// <summary>
/// The problems found in a file, one line each naming the file, the line and the column: every one is counted, the
/// first <see cref="Shown"/> are kept, and the report ends with how many more there were, so a file that is wrong on
/// every row gives a short report, not millions of lines.
/// </summary>
internal sealed class ProblemList(string path, Seq<string> header)
{
    public const int Shown = 20;

    readonly List<Error> kept = new(Shown);

    public long Count { get; private set; }

    public bool IsEmpty => Count == 0;

    public void InCell(long line, int column, string problem) =>
        Add(() => $"'{path}' line {CsvReading.Show(line)}, column {CsvReading.Show(column + 1)}{Named(column)}: {problem}");

    public void InRow(long line, string problem) => Add(() => $"'{path}' line {CsvReading.Show(line)}: {problem}");

    public Seq<Error> Errors =>
        toSeq(kept) + (Count > Shown ? Seq1(Error.New($"and {CsvReading.Show(Count - Shown)} more problems in '{path}'")) : Seq<Error>());

    void Add(Func<string> message)
    {
        if (Count++ < Shown) kept.Add(Error.New(message()));
    }

    string Named(int column) => column < header.Count && header[column].Length > 0 ? $" ({header[column]})" : "";
}
