using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The whole story of a long run through the CLI: Ctrl+C during training writes a checkpoint for the last finished epoch
/// and names it in the interrupted: line (the model file is not written); <c>--resume</c> with it prints the uninterrupted
/// run's epoch lines after that epoch and writes the very same model file. Mini-batches, Adam and a StepLR schedule, so
/// every part of the checkpoint (generator, optimizer moments, scheduler) matters.
/// </summary>
public sealed class InterruptAndResumeTests
{
    /// <summary>
    /// About 3 s of training on a quiet machine, so the signal sent 400 ms after training starts always lands in training
    /// (with 300 epochs, a fast machine had finished training and the signal rolled back the commit instead).
    /// </summary>
    static readonly string[] Run =
        ["--epochs", "2000", "--batch-size", "8", "--optimizer", "adam", "--lr-scheduler", "step", "--lr-step-size", "400", "--eval-every", "50", "--no-plots", "--progress", "never"];

    [Fact]
    public async Task A_run_stopped_with_CtrlC_and_resumed_from_its_checkpoint_ends_on_the_uninterrupted_runs_model_file()
    {
        var folder = Directory.CreateTempSubdirectory("functional-resume-").FullName;
        var whole = CliProcess.RunIn(folder, [.. Run, "--out", "models/whole.pt"]);
        Assert.Equal(0, whole.ExitCode);

        using var process = CliProcess.Start(folder, new Dictionary<string, string>(), [.. Run, "--out", "models/resumed.pt"]);
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.Equal("Using device: cpu", await process.StandardError.ReadLineAsync());
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.Equal(130, process.ExitCode);
        var interrupted = Regex.Match(stderr, @"^interrupted: training stopped after (\d+) of 2000 epochs; no model file was written; checkpoint (\S+last\.pt) \(go on with --resume \2\)\n$");
        Assert.True(interrupted.Success, stderr);
        Assert.False(File.Exists(Path.Combine(folder, "models", "resumed.pt")));
        var done = int.Parse(interrupted.Groups[1].Value, CultureInfo.InvariantCulture);
        var checkpoint = interrupted.Groups[2].Value;
        Assert.True(File.Exists(Path.Combine(folder, Path.GetDirectoryName(checkpoint)!, $"checkpoint-epoch-{done}.pt")));

        var resumed = CliProcess.RunIn(folder, [.. Run, "--out", "models/resumed.pt", "--resume", checkpoint]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "models", "whole.pt")), File.ReadAllBytes(Path.Combine(folder, "models", "resumed.pt")));
        Assert.Equal(EpochLines(whole.Stdout).Where(line => EpochOf(line) >= done), EpochLines(resumed.Stdout));
        Assert.NotEmpty(EpochLines(resumed.Stdout));
        Directory.Delete(folder, recursive: true);
    }

    static IEnumerable<string> EpochLines(string stdout) => stdout.Split('\n').Where(line => line.StartsWith("Epoch: ", StringComparison.Ordinal));

    static int EpochOf(string line) => int.Parse(line["Epoch: ".Length..line.IndexOf(' ', "Epoch: ".Length)], CultureInfo.InvariantCulture);
}
