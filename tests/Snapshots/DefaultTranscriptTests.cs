using ApprovalTests;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

public sealed class DefaultTranscriptTests
{
    static readonly Lazy<CliRun> DefaultRun = new(() => CliProcess.Run());

    /// <summary>
    /// Reference/notebook-outputs-cpu.txt is the notebook run under real PyTorch on a CPU, not our output: a failure here is
    /// not a snapshot to approve.
    /// </summary>
    static void PrintsWhatPyTorchPrinted(CliRun run, string what)
    {
        Assert.Equal(0, run.ExitCode);
        var pytorch = RepositoryFiles.Lines(PyTorchReference.NotebookTranscript);
        PyTorchReference.AssertMatchesFile(PyTorchReference.NotebookTranscript, pytorch, run.Stdout.TrimEnd('\n').Split('\n'), what);
    }

    [Fact]
    public void The_default_run_prints_exactly_what_the_notebook_prints_under_PyTorch() =>
        PrintsWhatPyTorchPrinted(DefaultRun.Value, "the default run's stdout");

    [Fact]
    public void The_fused_gradient_path_prints_the_same_transcript_as_PyTorch() =>
        PrintsWhatPyTorchPrinted(CliProcess.Run("--fused", "--no-plots", "--no-runs"), "stdout with --fused");

    [Fact]
    public void The_default_transcript_matches_its_approved_snapshot() => Approvals.Verify(DefaultRun.Value.Stdout);

    /// <summary>The last-epoch losses on stderr are PyTorch's for epoch 299 (tests/Shared/pytorch_training.py's "last" for the notebook, checked live in PyTorchRunsTests).</summary>
    [Fact]
    public void The_default_run_saves_the_model_where_the_notebook_does_and_names_on_stderr_the_device_the_last_epoch_and_the_run_folder()
    {
        var files = CliProcess.FilesLeft(DefaultRun.Value);
        var runFolder = Assert.Single(files, f => f.StartsWith("runs/") && f.EndsWith("/run.json")).Split('/')[1];
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$", runFolder);
        Assert.Equal(["models/01_pytorch_model", .. new[] { "data.png", "loss.png", "metrics.csv", "model.pt", "predictions.png", "run.json" }.Select(f => $"runs/{runFolder}/{f}")], files);
        var lines = DefaultRun.Value.Stderr.Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Equal("Using device: cpu", lines[0]);
        Assert.Equal("Last epoch: 299 | Train loss: 0.007858465425670147 | Test loss: 0.007045787759125233", lines[1]);
        // The notebook's loss is L1, so the test MAE is its last test loss to the six digits shown (the values are checked against scikit-learn in MetricsAgainstScikitLearnTests).
        Assert.Matches(@"^Test metrics \(20 rows\): MAE 0\.00704579, MSE \S+, RMSE \S+, R² \S+$", lines[2]);
        Assert.Equal($"Wrote runs/{runFolder}/ (run.json, metrics.csv, model.pt, data.png, predictions.png, loss.png)", lines[3]);
        Assert.Equal("", lines[4]);
    }

    /// <summary>A German locale writes 0,757 by default; PyTorch's output does not change with the locale, so ours must not.</summary>
    [Fact]
    public void The_transcript_is_identical_under_a_German_locale()
    {
        var german = CliProcess.RunWith(new Dictionary<string, string>
        {
            ["LC_ALL"] = "de_DE.UTF-8",
            ["LANG"] = "de_DE.UTF-8",
            ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = "false",
        });
        Assert.Equal(0, german.ExitCode);
        Assert.Equal(DefaultRun.Value.Stdout, german.Stdout);
    }

    /// <summary>
    /// The "Models" section is one row per declared model, so it is scrubbed here: adding a model must not change this
    /// snapshot. That every declared model is listed is checked against the catalog in tests/Shell (CommandLineTests).
    /// </summary>
    [Fact]
    public void The_help_text_matches_its_approved_snapshot()
    {
        var run = CliProcess.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Approvals.Verify(System.Text.RegularExpressions.Regex.Replace(run.Stdout, @"(?<=Models \(--model\):\n)(  .*\n)+", "  <one row per declared model>\n"));
    }
}
