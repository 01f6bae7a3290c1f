using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>The progress bar lives on stderr: forcing it on must not change a single byte of stdout.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void Forcing_the_bar_on_draws_it_on_stderr_and_leaves_stdout_byte_identical_to_forcing_it_off()
    {
        var withBar = CliProcess.Run("--progress", "always", "--no-plots", "--no-runs");
        var without = CliProcess.Run("--progress", "never", "--no-plots", "--no-runs");
        Assert.Equal(0, withBar.ExitCode);
        Assert.Equal(0, without.ExitCode);
        Assert.Equal(without.Stdout, withBar.Stdout);
        Assert.Contains("epoch 300/300", withBar.Stderr);
        AssertNoBar(without.Stderr);
    }

    [Fact]
    public void Redirected_auto_mode_prints_no_bar()
    {
        var run = CliProcess.Run("--no-plots", "--no-runs");
        AssertNoBar(run.Stderr);
    }

    /// <summary>Without a bar, stderr is the device line, the last epoch's line and the test metrics, nothing else.</summary>
    static void AssertNoBar(string stderr)
    {
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("Using device: cpu", lines[0]);
        Assert.StartsWith("Last epoch: 299 | Train loss: ", lines[1]);
        Assert.StartsWith("Test metrics (20 rows): MAE ", lines[2]);
    }
}
