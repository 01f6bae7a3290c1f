using System.Globalization;
using System.Security.Cryptography;
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

/// <summary>runs/&lt;timestamp&gt;/: run.json, metrics.csv, the model file's copy and the plots, against the printed log and the trained model.</summary>
public sealed class RunRecordTests
{
    static readonly Lazy<CliRun> Run = new(() => CliProcess.Run("--runs", "records"));

    static readonly Lazy<WorkflowResult> Notebook = new(() =>
        RunSettings.Create(SettingsInput.Notebook, ModelCatalog.Specs, MemoryBudget.Unlimited).ToFin().Bind(settings => NotebookWorkflow.Run(settings, ModelCatalog.All, ComputeDevice.Cpu)).Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message)));

    static string RecordFolder(CliRun run, string root = "records")
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Assert.Single(Directory.GetDirectories(Path.Combine(run.WorkingDirectory, root)));
    }

    static JsonElement RunJson(CliRun run, string root = "records") =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RecordFolder(run, root), "run.json"))).RootElement;

    [Fact]
    public void The_run_folder_holds_the_record_the_metrics_the_model_file_and_the_plots_and_nothing_goes_to_plots()
    {
        var folder = RecordFolder(Run.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$", Path.GetFileName(folder));
        Assert.Equal(["data.png", "loss.png", "metrics.csv", "model.pt", "predictions.png", "run.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.False(Directory.Exists(Path.Combine(Run.Value.WorkingDirectory, "plots")));
        Assert.False(Directory.Exists(Path.Combine(Run.Value.WorkingDirectory, "runs")));
    }

    /// <summary>
    /// Each row holds the exact losses of one entry of the trained model's log (then the last epoch), and the transcript
    /// prints those rows, in order, as its training log lines (that format is checked against PyTorch).
    /// </summary>
    [Fact]
    public void Metrics_csv_has_one_row_per_printed_log_line_then_the_last_epoch_with_the_exact_losses()
    {
        var rows = File.ReadAllLines(Path.Combine(RecordFolder(Run.Value), "metrics.csv")).Select(line => line.Split(',')).ToList();
        Assert.Equal(["epoch", "train_loss", "test_loss"], rows[0]);
        var trained = Notebook.Value.Trained;
        var expected = trained.Curve.Points.Add(trained.LastEpoch).ToList();
        Assert.Equal(expected.Count, rows.Count - 1);
        var printed = Run.Value.Stdout.Split('\n').Where(l => l.StartsWith("Epoch: ")).ToList();
        Assert.Equal(trained.Curve.Points.Count, printed.Count);
        foreach (var (row, entry) in rows.Skip(1).Zip(expected))
        {
            Assert.Equal(entry.Epoch, int.Parse(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(entry.TrainLoss, double.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal((double)entry.TestLoss, double.Parse(row[2], CultureInfo.InvariantCulture));
        }
        Assert.Equal("299", rows[^1][0]);

        var printedLog = rows.Skip(1).SkipLast(1).Select(row => TrainingLog.TrainingLogLine(
            int.Parse(row[0], CultureInfo.InvariantCulture),
            double.Parse(row[1], CultureInfo.InvariantCulture),
            double.Parse(row[2], CultureInfo.InvariantCulture)));
        Assert.Contains("\n" + string.Join("\n", printedLog) + "\n", Run.Value.Stdout);
    }

    [Fact]
    public void Run_json_holds_every_setting_the_model_class_the_last_epoch_and_the_final_parameters()
    {
        var root = RunJson(Run.Value);
        var trained = Notebook.Value.Trained;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        var config = root.GetProperty("config");
        Assert.Equal(
            ["model", "weight", "bias", "start", "end", "step", "train_split", "epochs", "lr", "eval_every", "batch_size", "seed", "loss", "optimizer", "fused", "out", "format"],
            config.EnumerateObject().Select(p => p.Name));
        Assert.Equal((42, 300, 0.01, JsonValueKind.Null, false), (config.GetProperty("seed").GetInt64(), config.GetProperty("epochs").GetInt32(),
            config.GetProperty("lr").GetDouble(), config.GetProperty("batch_size").ValueKind, config.GetProperty("fused").GetBoolean()));
        Assert.Equal(("parameters", "models/01_pytorch_model", "pt"), (config.GetProperty("model").GetString(), config.GetProperty("out").GetString(), config.GetProperty("format").GetString()));
        Assert.Equal("LinearRegressionModel", root.GetProperty("model_class").GetString());
        var data = root.GetProperty("data");
        Assert.Equal((100, 80, 20), (data.GetProperty("samples").GetInt32(), data.GetProperty("train_samples").GetInt32(), data.GetProperty("test_samples").GetInt32()));
        var final = root.GetProperty("final_parameters").EnumerateArray().ToList();
        Assert.Equal(trained.Final.Keys.ToArray(), final.Select(p => p.GetProperty("name").GetString()));
        foreach (var (entry, record) in trained.Final.Entries.Zip(final))
            Assert.Equal(entry.Value.Data.ToArray(), record.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray());
        var last = root.GetProperty("last_epoch");
        Assert.Equal((299, trained.LastEpoch.TrainLoss, (double)trained.LastEpoch.TestLoss),
            (last.GetProperty("epoch").GetInt32(), last.GetProperty("train_loss").GetDouble(), last.GetProperty("test_loss").GetDouble()));
        var versions = root.GetProperty("versions");
        Assert.Equal("0.107.0", versions.GetProperty("torchsharp").GetString());
        Assert.All(new[] { "functional", "libtorch", "dotnet" }, name => Assert.False(string.IsNullOrEmpty(versions.GetProperty(name).GetString())));
        Assert.True(root.GetProperty("durations_seconds").GetProperty("training").GetDouble() > 0);
    }

    [Fact]
    public void The_recorded_sha256_is_that_of_the_model_file_written_and_of_its_copy_in_the_run_folder()
    {
        var files = RunJson(Run.Value).GetProperty("files");
        var sha = files.GetProperty("model_sha256").GetString();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Run.Value.WorkingDirectory, "models", "01_pytorch_model")))), sha);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RecordFolder(Run.Value), files.GetProperty("model").GetString()!)))), sha);
        Assert.Equal(["data.png", "predictions.png", "loss.png"], files.GetProperty("plots").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public void Batch_size_and_fused_are_recorded_so_different_runs_have_different_records()
    {
        var mini = RunJson(CliProcess.Run("--batch-size", "16", "--epochs", "3", "--no-plots"), "runs").GetProperty("config");
        var fused = RunJson(CliProcess.Run("--fused", "--epochs", "3", "--no-plots", "--out", "m.safetensors"), "runs").GetProperty("config");
        Assert.Equal((16, false), (mini.GetProperty("batch_size").GetInt32(), mini.GetProperty("fused").GetBoolean()));
        Assert.Equal((JsonValueKind.Null, true, "safetensors"), (fused.GetProperty("batch_size").ValueKind, fused.GetProperty("fused").GetBoolean(), fused.GetProperty("format").GetString()));
    }

    [Fact]
    public void A_later_run_overwrites_nothing_an_earlier_record_names()
    {
        var first = CliProcess.Run("--epochs", "3");
        var folder = RecordFolder(first, "runs");
        var before = Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
        var second = CliProcess.RunIn(first.WorkingDirectory, "--epochs", "5");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(first.WorkingDirectory, "runs")).Length);
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(Path.Combine(folder, file.Key))));
    }
}
