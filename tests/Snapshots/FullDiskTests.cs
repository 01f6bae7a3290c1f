using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// A run on a disk that fills up (issue 11, class 7): a tmpfs of a few pages in a private mount namespace, holding a
/// previous run's model, plot and record. Whatever the point at which space runs out (the spool, the model, a plot, the
/// record), the run fails with one line and every existing file is byte-identical, with nothing added, not even a
/// temporary; with room enough, it succeeds.
/// </summary>
public sealed class FullDiskTests
{
    /// <summary>The tree under the current folder: each file with its SHA-256, each folder by name (hidden entries included).</summary>
    const string Tree = "find . -mindepth 1 \\( -type d -printf 'folder %p\\n' \\) -o \\( -type f -exec sha256sum {} + \\) | sort";

    sealed record Outcome(int ExitCode, string Stderr, string Before, string After);

    static Outcome RunOnTmpfs(int kibibytes)
    {
        var folder = Directory.CreateTempSubdirectory("functional-full-disk-").FullName;
        foreach (var name in new[] { "seed/models", "seed/plots", "seed/runs/2026-01-01T00-00-00Z", "mount", "results" })
            Directory.CreateDirectory(Path.Combine(folder, name));
        File.WriteAllText(Path.Combine(folder, "seed/models/01_pytorch_model"), "the previous model");
        File.WriteAllText(Path.Combine(folder, "seed/plots/loss.png"), "the previous loss plot");
        File.WriteAllText(Path.Combine(folder, "seed/runs/2026-01-01T00-00-00Z/metrics.csv"), "epoch,train_loss,test_loss\n");
        var script = $"""
            mount -t tmpfs -o size={kibibytes}k tmpfs mount || exit 90
            cp -a seed/. mount/ || exit 91
            cd mount
            {Tree} > ../results/before
            $CLI --epochs 20 > ../results/stdout 2> ../results/stderr
            echo $? > ../results/exit
            {Tree} > ../results/after
            """;
        var run = ShellScript.Run($"{ShellScript.Unshare} sh -c {ShellScript.Quote(script)}", folder);
        Assert.True(run.ExitCode == 0, $"setting up the tmpfs failed ({run.ExitCode}): {run.Stderr}");
        string Result(string name) => File.ReadAllText(Path.Combine(folder, "results", name));
        return new Outcome(int.Parse(Result("exit").Trim(), System.Globalization.CultureInfo.InvariantCulture), Result("stderr"), Result("before"), Result("after"));
    }

    /// <summary>
    /// Sizes from "not even the spool fits" through each plot to the run record (where space runs out depends on how large
    /// the PNGs come out, so each size may fail at a different file, or, near the top, not at all): the run is then
    /// all or nothing.
    /// </summary>
    [RequiresPrivateMountsTheory]
    [InlineData(12)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(132)]
    [InlineData(136)]
    [InlineData(140)]
    [InlineData(148)]
    public void A_disk_that_fills_up_fails_the_run_with_one_line_and_leaves_every_file_byte_identical(int kibibytes)
    {
        var outcome = RunOnTmpfs(kibibytes);

        Assert.DoesNotContain("   at ", outcome.Stderr);
        if (outcome.ExitCode == 0)
        {
            Assert.DoesNotContain("the previous model", outcome.After);
            Assert.Contains("/run.json", outcome.After);
            Assert.DoesNotContain(".functional-tmp-", outcome.After);
            return;
        }
        Assert.Equal(1, outcome.ExitCode);
        var error = Assert.Single(outcome.Stderr.Split('\n'), line => line.StartsWith("error: "));
        Assert.Contains("No space left on device", error);
        Assert.EndsWith("nothing was written or changed", error.TrimEnd());
        Assert.Equal(outcome.Before, outcome.After);
    }

    [RequiresPrivateMountsFact]
    public void A_disk_with_no_room_for_the_training_log_stops_the_run_before_anything_is_written()
    {
        var outcome = RunOnTmpfs(12);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error: could not keep the training log in", outcome.Stderr);
        Assert.Equal(outcome.Before, outcome.After);
    }

    [RequiresPrivateMountsFact]
    public void With_room_enough_the_same_run_replaces_the_files_and_leaves_no_temporary()
    {
        var outcome = RunOnTmpfs(1024);

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("the previous model", outcome.After);
        Assert.Matches(@"\./runs/[^/\n]+/data\.png", outcome.After);
        Assert.DoesNotContain(".functional-tmp-", outcome.After);
        Assert.NotEqual(outcome.Before, outcome.After);
    }
}
