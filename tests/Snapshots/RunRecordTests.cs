using System.Globalization;
using System.Text.Json;
using Functional.Display.Notebook;
using Functional.Domain;
using Functional.Domain.Settings;
using Functional.Domain.Workflow;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>runs/&lt;timestamp&gt;/metrics.csv and run.json against the printed log and the trained-model record.</summary>
public sealed class RunRecordTests
{
    static readonly Lazy<CliRun> Run = new(() => CliProcess.Run("--no-plots", "--runs", "records"));

    static readonly Lazy<WorkflowResult> Notebook = new(() =>
        RunSettings.Create(SettingsInput.Notebook, ModelCatalog.Specs, MemoryBudget.Unlimited).ToFin()
            .Bind(settings => NotebookWorkflow.Run(settings, ModelCatalog.All, ComputeDevice.Cpu))
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message)));

    static string RecordFolder()
    {
        Assert.Equal(0, Run.Value.ExitCode);
        return Assert.Single(Directory.GetDirectories(Path.Combine(Run.Value.WorkingDirectory, "records")));
    }

    [Fact]
    public void Runs_moves_the_record_and_no_plots_writes_none()
    {
        var folder = RecordFolder();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$", Path.GetFileName(folder));
        Assert.False(Directory.Exists(Path.Combine(Run.Value.WorkingDirectory, "plots")));
        Assert.False(Directory.Exists(Path.Combine(Run.Value.WorkingDirectory, "runs")));
    }

    /// <summary>
    /// Each row holds the exact losses of one entry of the trained model's log, and the transcript prints those rows, in
    /// order, as its training log lines (in whatever format the transcript uses; that format is checked against PyTorch).
    /// </summary>
    [Fact]
    public void Metrics_csv_has_one_row_per_printed_log_line_with_the_exact_losses()
    {
        var rows = File.ReadAllLines(Path.Combine(RecordFolder(), "metrics.csv")).Select(line => line.Split(',')).ToList();
        Assert.Equal(["epoch", "train_loss", "test_loss"], rows[0]);
        var log = Notebook.Value.Trained.Curve.Points;
        Assert.Equal(log.Count, rows.Count - 1);
        foreach (var (row, entry) in rows.Skip(1).Zip(log))
        {
            Assert.Equal(entry.Epoch, int.Parse(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(entry.TrainLoss, float.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(entry.TestLoss, float.Parse(row[2], CultureInfo.InvariantCulture));
        }

        var printedLog = rows.Skip(1).Select(row => TrainingLog.TrainingLogLine(
            int.Parse(row[0], CultureInfo.InvariantCulture),
            float.Parse(row[1], CultureInfo.InvariantCulture),
            float.Parse(row[2], CultureInfo.InvariantCulture)));
        Assert.Contains("\n" + string.Join("\n", printedLog) + "\n", Run.Value.Stdout);
    }

    [Fact]
    public void Run_json_holds_the_config_seed_model_path_final_parameters_versions_and_training_time()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RecordFolder(), "run.json")));
        var root = json.RootElement;
        var trained = Notebook.Value.Trained;
        Assert.Equal(42, root.GetProperty("seed").GetInt64());
        Assert.Equal(300, root.GetProperty("epochs").GetInt32());
        Assert.Equal(0.01, root.GetProperty("config").GetProperty("learning_rate").GetDouble());
        Assert.Equal("parameters", root.GetProperty("model").GetString());
        Assert.Equal("models/01_pytorch_model", root.GetProperty("model_path").GetString());
        foreach (var entry in trained.Final.Entries)
        {
            var recorded = root.GetProperty("final_parameters").GetProperty(entry.Key).GetProperty("values").EnumerateArray();
            Assert.Equal(entry.Value.Data.ToArray(), recorded.Select(v => v.GetSingle()).ToArray());
        }
        Assert.Equal("0.107.0", root.GetProperty("versions").GetProperty("torchsharp").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("versions").GetProperty("libtorch").GetString()));
        Assert.True(root.GetProperty("durations_seconds").GetProperty("training").GetDouble() > 0);
    }
}
