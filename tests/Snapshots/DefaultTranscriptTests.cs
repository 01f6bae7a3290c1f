using ApprovalTests;
using ApprovalTests.Reporters;
using Xunit;

namespace Functional.Tests.Snapshots;

[UseReporter(typeof(QuietReporter))]
public sealed class DefaultTranscriptTests
{
    /// <summary>
    /// Reference/notebook-outputs-cpu.txt is the notebook run under real PyTorch on a CPU (not our output);
    /// the approved snapshot below was checked line for line against it.
    /// </summary>
    static string PyTorchReference => File.ReadAllText(Path.Combine(SourceFolder(), "Reference", "notebook-outputs-cpu.txt")).ReplaceLineEndings("\n");

    static readonly Lazy<CliRun> DefaultRun = new(() => CliProcess.Run());

    [Fact]
    public void The_default_run_prints_exactly_what_the_notebook_prints_under_PyTorch()
    {
        Assert.Equal(0, DefaultRun.Value.ExitCode);
        Assert.Equal(PyTorchReference.TrimEnd('\n').Split('\n'), DefaultRun.Value.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_fused_gradient_path_prints_the_same_transcript_as_PyTorch()
    {
        var fused = CliProcess.Run("--fused", "--no-plots", "--no-runs");
        Assert.Equal(0, fused.ExitCode);
        Assert.Equal(PyTorchReference.TrimEnd('\n').Split('\n'), fused.Stdout.TrimEnd('\n').Split('\n'));
    }

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
        Assert.Equal(
            "Using device: cpu\n"
            + "Last epoch: 299 | Train loss: 0.007858465425670147 | Test loss: 0.007045787759125233\n"
            + $"Wrote runs/{runFolder}/ (run.json, metrics.csv, model.pt, data.png, predictions.png, loss.png)\n",
            DefaultRun.Value.Stderr);
    }

    /// <summary>A German locale writes 0,757 by default; PyTorch's output does not change with the locale, so ours must not.</summary>
    [Fact]
    public void The_transcript_is_identical_under_a_German_locale()
    {
        var german = CliProcess.RunWith(new Dictionary<string, string> { ["LC_ALL"] = "de_DE.UTF-8", ["LANG"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = "false" });
        Assert.Equal(0, german.ExitCode);
        Assert.Equal(DefaultRun.Value.Stdout, german.Stdout);
    }

    [Fact]
    public void Help_lists_every_flag_with_its_default()
    {
        var run = CliProcess.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Approvals.Verify(run.Stdout);
    }

    static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
