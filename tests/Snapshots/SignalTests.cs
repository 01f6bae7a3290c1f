using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// SIGTERM, SIGINT and SIGKILL at any moment of a run (issue 11, class 7): a run stopped by a signal it can handle leaves
/// every existing file byte-identical and no temporary; one killed outright leaves complete files (old or new) and
/// temporaries named as ours, which the next run removes.
/// </summary>
public sealed class SignalTests
{
    static readonly byte[] Previous = "the previous model"u8.ToArray();

    /// <summary>
    /// A run long enough to signal in each phase (about 4 s here: training, then a 32 MB metrics.csv committed, then a
    /// million-line transcript): a million epochs of --fused training, evaluated every epoch. Wherever a signal lands,
    /// what the tests check holds.
    /// </summary>
    static readonly string[] LongRun = ["--epochs", "1000000", "--eval-every", "1", "--fused", "--no-plots"];

    static string FolderWithPreviousModel()
    {
        var folder = Directory.CreateTempSubdirectory("functional-signal-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        File.WriteAllBytes(Path.Combine(folder, "models", "01_pytorch_model"), Previous);
        return folder;
    }

    static async Task<(int ExitCode, string Stderr)> SignalAfter(string folder, string signal, TimeSpan delay, params string[] args)
    {
        using var process = CliProcess.Start(folder, new Dictionary<string, string>(), args);
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        // The device line is printed once the signal handlers are in place.
        Assert.Equal("Using device: cpu", await process.StandardError.ReadLineAsync());
        await Task.Delay(delay);
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }

    static string[] Temporaries(string folder) =>
        Directory.EnumerateFiles(folder, ".functional-tmp-*", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray()!;

    [Fact]
    public async Task SIGTERM_during_training_stops_after_the_epoch_with_exit_code_143_and_writes_nothing()
    {
        var folder = FolderWithPreviousModel();
        var (code, stderr) = await SignalAfter(folder, "TERM", TimeSpan.FromMilliseconds(300), "--epochs", "100000000", "--eval-every", "1000000");

        Assert.Equal(143, code);
        Assert.Matches(@"^interrupted: training stopped after \d+ of 100000000 epochs; no model file was written\n$", stderr);
        Assert.Equal(Previous, File.ReadAllBytes(Path.Combine(folder, "models", "01_pytorch_model")));
        Assert.Empty(Temporaries(folder));
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }

    [Theory]
    [InlineData("INT", 300)]
    [InlineData("TERM", 1200)]
    [InlineData("INT", 2200)]
    [InlineData("TERM", 3000)]
    public async Task A_signal_at_any_moment_leaves_the_previous_files_or_the_complete_new_ones_and_no_temporary(string signal, int milliseconds)
    {
        var folder = FolderWithPreviousModel();
        var (code, stderr) = await SignalAfter(folder, signal, TimeSpan.FromMilliseconds(milliseconds), LongRun);

        Assert.DoesNotContain("   at ", stderr);
        Assert.Empty(Temporaries(folder));
        var model = File.ReadAllBytes(Path.Combine(folder, "models", "01_pytorch_model"));
        if (code == 0 || stderr.Contains("the outputs were written"))
        {
            Assert.Equal((byte)'P', model[0]); // the new zip archive
            Assert.Single(Directory.GetDirectories(Path.Combine(folder, "runs")));
        }
        else
        {
            Assert.Equal(signal == "INT" ? 130 : 143, code);
            Assert.StartsWith("interrupted: ", stderr);
            Assert.Equal(Previous, model);
            Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
        }
    }

    [Theory]
    [InlineData(500)]
    [InlineData(1800)]
    [InlineData(2800)]
    public async Task After_a_SIGKILL_files_are_whole_and_the_next_run_removes_the_temporaries_left(int milliseconds)
    {
        var folder = FolderWithPreviousModel();
        var (code, _) = await SignalAfter(folder, "KILL", TimeSpan.FromMilliseconds(milliseconds), LongRun);
        var model = File.ReadAllBytes(Path.Combine(folder, "models", "01_pytorch_model"));

        Assert.True(code is 137 or 0, $"exit code {code}"); // 0 when the run had already finished
        Assert.True(model.SequenceEqual(Previous) || model[0] == (byte)'P', "the model file is neither the old one nor a new archive");
        Assert.All(Temporaries(folder), name => Assert.Matches(@"^\.functional-tmp-\d+-[0-9a-f]{32}$", name));

        var next = CliProcess.RunIn(folder, "--epochs", "20", "--no-plots");
        Assert.Equal(0, next.ExitCode);
        Assert.Empty(Temporaries(Path.Combine(folder, "models")));
    }
}
