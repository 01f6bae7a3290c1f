using System.Diagnostics;
using System.Globalization;
using Functional.Bench.Measurement;
using Functional.Cli.Storage;
using Functional.Domain.Data;
using LanguageExt;

namespace Functional.Bench.Modes;

/// <summary>
/// <c>csv-load --file data.csv [--repeats 3]</c>: how fast <c>train --data</c> reads a table, through the code the CLI
/// runs (DataFileStore: the header, the pass over the bytes for the row bound and SHA-256, the parse into float32
/// blocks), default columns. Prints each repeat's phases and the median MB/s of the whole, then the process's peak
/// resident memory (VmHWM) against the float32 data it holds.
/// </summary>
public static class CsvLoadMode
{
    public static int Run(ModeOptions options)
    {
        var path = options.Text("file", "");
        if (!File.Exists(path)) throw new ArgumentException("csv-load needs --file PATH, an existing CSV file (bench/csv-load.sh makes one)");
        var megabytes = new FileInfo(path).Length / 1e6;
        var totals = new List<double>();
        var repeats = options.Int("repeats", 3);
        Console.WriteLine(Invariant($"# {path}: {megabytes:F1} MB; csv-load, {repeats} repeats"));
        Console.WriteLine("repeat\trows\tsurvey s\tparse s\ttotal s\tMB/s");
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            var header = DataFileStore.ReadHeader(path).IfFail(e => throw new InvalidOperationException(e.Message));
            var columns = TableColumns.Choose(path, header, Option<string>.None, Option<Seq<string>>.None)
                .Match(Succ: c => c, Fail: e => throw new InvalidOperationException(e.Head.Message));
            var survey = DataFileStore.Survey(path).IfFail(e => throw new InvalidOperationException(e.Message));
            var surveyed = clock.Elapsed.TotalSeconds;
            var dataset = DataFileStore.Load(path, columns, survey.RowBound).IfFail(e => throw new InvalidOperationException(e.Message));
            var total = clock.Elapsed.TotalSeconds;
            totals.Add(total);
            Console.WriteLine(Invariant($"{repeat}\t{dataset.Count}\t{surveyed:F2}\t{total - surveyed:F2}\t{total:F2}\t{megabytes / total:F0}"));
            if (repeat == repeats)
            {
                var dataMiB = (dataset.X.Length + dataset.Y.Length) * 4 / 1048576.0;
                Console.WriteLine(Invariant($"# median {megabytes / Statistics.Median(totals):F0} MB/s; float32 data {dataMiB:F0} MiB; peak VmHWM {ProcessCounters.PeakResidentKiB() / 1024.0:F0} MiB"));
            }
            GC.KeepAlive(dataset);
        }
        return 0;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
