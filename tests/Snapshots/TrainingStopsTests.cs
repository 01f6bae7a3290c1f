using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>Runs that end early: a diverging loss and Ctrl+C. Neither may write or touch a model file; Ctrl+C writes only its checkpoint.</summary>
public sealed class TrainingStopsTests
{
    [Fact]
    public void A_loss_that_becomes_infinite_stops_with_one_line_exit_code_1_and_nothing_written()
    {
        var run = CliProcess.Run("--loss", "mse", "--lr", "1e6");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Empty(CliProcess.FilesLeft(run));
        var error = Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'), line => line.StartsWith("error: "));
        Assert.Matches(@"^error: training stopped at epoch \d+: the training loss is (infinite|NaN); try a smaller --lr", error);
    }

    [Fact]
    public async Task Ctrl_C_stops_after_the_current_epoch_with_exit_code_130_writes_its_checkpoint_and_leaves_the_last_model_file_untouched()
    {
        var folder = Directory.CreateTempSubdirectory("functional-sigint-").FullName;
        var model = Path.Combine(folder, "models", "01_pytorch_model");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        byte[] previous = [1, 2, 3, 4, 5];
        File.WriteAllBytes(model, previous);

        using var process = CliProcess.Start(folder, new Dictionary<string, string>(), "--epochs", "100000000", "--eval-every", "1000000");
        var stdout = process.StandardOutput.ReadToEndAsync();
        // The device line is printed after the Ctrl+C handler is in place, so a signal after it reaches training.
        Assert.Equal("Using device: cpu", await process.StandardError.ReadLineAsync());
        await Task.Delay(300);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        var rest = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }

        Assert.Equal(130, process.ExitCode);
        Assert.Equal("", await stdout);
        // No epoch may have finished yet on a slow machine: then there is nothing to checkpoint.
        var line = System.Text.RegularExpressions.Regex.Match((await rest).ReplaceLineEndings("\n"),
            @"^interrupted: training stopped after (\d+) of 100000000 epochs; no model file was written(; checkpoint runs/\S+/last\.pt \(go on with --resume runs/\S+/last\.pt\))?\n$");
        Assert.True(line.Success);
        Assert.Equal(line.Groups[1].Value != "0", line.Groups[2].Success);
        Assert.Equal(previous, File.ReadAllBytes(model));
        Assert.False(Directory.Exists(Path.Combine(folder, "plots")));
        if (line.Groups[2].Success)
            Assert.Equal(2, Directory.GetFiles(Assert.Single(Directory.GetDirectories(Path.Combine(folder, "runs")))).Length); // checkpoint-epoch-N.pt and last.pt
        else
            Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }
}
