using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary><c>train --config runs/&lt;timestamp&gt;/run.json</c>: the same run again, flags given with it override, bad records are one line.</summary>
public sealed class ReplayTests
{
    static string RecordOf(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return Path.GetRelativePath(run.WorkingDirectory, Assert.Single(Directory.GetFiles(Path.Combine(run.WorkingDirectory, "runs"), "run.json", SearchOption.AllDirectories)));
    }

    [Theory]
    [InlineData]
    [InlineData("--batch-size", "7", "--epochs", "40", "--optimizer", "adam", "--loss", "mse", "--model", "quadratic", "--seed", "-5")]
    [InlineData("--fused", "--weight", "-1.5", "--start", "-1", "--step", "0.05", "--train-split", "0.7", "--eval-every", "7", "--out", "other/m.safetensors")]
    public void A_replayed_run_prints_the_same_transcript_and_writes_the_same_model_file(params string[] flags)
    {
        var original = CliProcess.Run([.. flags, "--no-plots"]);
        var replayed = CliProcess.RunIn(original.WorkingDirectory, "train", "--config", RecordOf(original), "--no-plots", "--no-runs");
        Assert.True(replayed.ExitCode == 0, replayed.Stderr);
        Assert.Equal(original.Stdout, replayed.Stdout);
        var lastLine = original.Stderr.Split('\n').Single(line => line.StartsWith("Last epoch: "));
        Assert.Contains(lastLine, replayed.Stderr);
    }

    [Fact]
    public void Flags_given_with_config_override_single_values()
    {
        var original = CliProcess.Run("--batch-size", "5", "--epochs", "30", "--no-plots");
        var overridden = CliProcess.RunIn(original.WorkingDirectory, "--config", RecordOf(original), "--epochs", "12", "--lr", "0.05", "--no-plots", "--no-runs");
        var typed = CliProcess.Run("--batch-size", "5", "--epochs", "12", "--lr", "0.05", "--no-plots", "--no-runs");
        Assert.Equal(0, overridden.ExitCode);
        Assert.Equal(typed.Stdout, overridden.Stdout);
    }

    public static TheoryData<string, string> BadRecords() => new()
    {
        { "unknown_field", "has an unknown field 'config.colour'; a run record of format version 1 has no such field" },
        { "other_version", "is a run record of format version 2; this program reads version 1 (replay it with the program that wrote it)" },
        { "missing_field", "lacks the field 'config.seed' of a run record" },
        { "bad_loss", "has config.loss 'huber'; it must be one of l1, mse" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_is_one_error_line_exit_code_2_and_nothing_written(string edit, string problem)
    {
        var original = CliProcess.Run("--epochs", "2", "--no-plots");
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(original.WorkingDirectory, RecordOf(original))))!.AsObject();
        var config = record["config"]!.AsObject();
        switch (edit)
        {
            case "unknown_field": config["colour"] = "red"; break;
            case "other_version": record["format_version"] = 2; break;
            case "missing_field": config.Remove("seed"); break;
            case "bad_loss": config["loss"] = "huber"; break;
        }
        File.WriteAllText(Path.Combine(original.WorkingDirectory, "edited.json"), record.ToJsonString());
        var before = CliProcess.FilesLeft(original);

        var replayed = CliProcess.RunIn(original.WorkingDirectory, "--config", "edited.json");
        Assert.Equal(2, replayed.ExitCode);
        Assert.Equal($"error: --config 'edited.json' {problem}\n", replayed.Stderr);
        Assert.Equal(before, CliProcess.FilesLeft(replayed));
    }

    [Fact]
    public void Replayed_settings_are_checked_like_typed_ones_one_line_per_problem()
    {
        var original = CliProcess.Run("--epochs", "2", "--no-plots");
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(original.WorkingDirectory, RecordOf(original))))!.AsObject();
        record["config"]!["epochs"] = -3;
        record["config"]!["lr"] = 0;
        File.WriteAllText(Path.Combine(original.WorkingDirectory, "edited.json"), record.ToJsonString());
        var replayed = CliProcess.RunIn(original.WorkingDirectory, "--config", "edited.json");
        Assert.Equal(2, replayed.ExitCode);
        Assert.Equal(
            "error: --epochs must be a whole number of at least 1, got -3\nerror: --lr must be a number greater than 0 that float32, the type it is used in, can hold (from 1E-45 to 3.4028235E+38); got 0\n",
            replayed.Stderr);
    }
}
