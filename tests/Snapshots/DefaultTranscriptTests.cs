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

    [Fact]
    public void The_default_run_saves_the_model_where_the_notebook_does_and_names_on_stderr_the_device_and_the_files_it_added()
    {
        var files = CliProcess.FilesLeft(DefaultRun.Value);
        var runFolder = Assert.Single(files, f => f.StartsWith("runs/") && f.EndsWith("/run.json")).Split('/')[1];
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$", runFolder);
        Assert.Equal(["models/01_pytorch_model", "plots/data.png", "plots/loss.png", "plots/predictions.png", $"runs/{runFolder}/metrics.csv", $"runs/{runFolder}/run.json"], files);
        Assert.Equal(
            "Using device: cpu\nWrote plots/data.png\nWrote plots/predictions.png\nWrote plots/loss.png\n"
            + $"Wrote runs/{runFolder}/metrics.csv and run.json\n",
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

    /// <summary>
    /// The "Models" section is one row per declared model, so it is scrubbed here: adding a model must not change this
    /// snapshot. That every declared model is listed is checked against the catalog in tests/Shell (CommandLineTests).
    /// </summary>
    [Fact]
    public void Help_lists_every_flag_with_its_default()
    {
        var run = CliProcess.Run("--help");
        Assert.Equal(0, run.ExitCode);
        Approvals.Verify(System.Text.RegularExpressions.Regex.Replace(run.Stdout, @"(?<=Models \(--model\):\n)(  .*\n)+", "  <one row per declared model>\n"));
    }

    static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
