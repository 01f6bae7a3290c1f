using ApprovalTests;
using Xunit;

namespace Functional.Tests.Snapshots;

public sealed class BadInputTests
{
    public static TheoryData<string, string[]> BadInputs => new()
    {
        { "negative_epochs", ["--epochs", "-1"] },
        { "nan_learning_rate", ["--lr", "nan"] },
        { "train_split_above_one", ["--train-split", "1.5"] },
        { "step_giving_one_sample", ["--start", "0", "--end", "1", "--step", "5"] },
        { "unknown_flag", ["--epoch", "3"] },
        { "unwritable_out", ["--out", "/proc/functional/model.pt"] },
        { "not_a_number", ["--weight", "abc"] },
        { "unknown_loss_and_model", ["--loss", "huber", "--model", "no-such-model"] },
        { "several_problems_at_once", ["--epochs", "0", "--lr", "-0.1", "--eval-every", "0", "--train-split", "0", "--bogus"] },
        { "lr_beyond_float32", ["--lr", "1e308"] },
        { "weight_and_bias_beyond_float32", ["--weight", "1e300", "--bias", "-4e38"] },
        { "line_overflows_float32", ["--weight", "1e38", "--end", "10", "--step", "0.5"] },
        { "too_many_samples_for_an_array", ["--step", "1e-30"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gets_one_line_per_problem_exit_code_2_and_nothing_written(string name, string[] args)
    {
        var run = CliProcess.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Empty(CliProcess.FilesLeft(run));
        Assert.All(run.Stderr.TrimEnd('\n').Split('\n'), line => Assert.StartsWith("error: ", line));
        using (ApprovalTests.Namers.ApprovalResults.ForScenario(name))
            Approvals.Verify(string.Join(" ", args) + "\n---\n" + WithoutModelList(run.Stderr));
    }

    /// <summary>
    /// A dataset larger than the memory available is refused before anything is allocated, naming what would fit. The
    /// figure available is this machine's, so the line is matched rather than snapshotted.
    /// </summary>
    [RequiresLessMemoryThanFact(45L << 30)]
    public void A_dataset_that_would_not_fit_in_memory_is_refused_before_it_is_made_naming_batch_size()
    {
        var run = CliProcess.Run("--step", "1e-9");
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^error: 1,000,000,000 samples need about 45\.0 GiB to train this way \(48 bytes a sample\), but [0-9.]+ [GM]iB is available; " +
                       @"train in mini-batches with --batch-size \(about 36 bytes a sample\) or use a smaller range \(a larger --step\)\n$", run.Stderr);
        Assert.Empty(CliProcess.FilesLeft(run));
    }

    /// <summary>An unknown --model is answered with the declared keys; they come from the catalog, so adding a model changes no snapshot.</summary>
    static string WithoutModelList(string stderr) =>
        stderr.Replace(string.Join(", ", Functional.Models.ModelCatalog.Keys), "<the declared model keys>");
}

/// <summary>A fact skipped where this machine has at least that much memory available (the refusal it checks would not happen).</summary>
public sealed class RequiresLessMemoryThanFactAttribute : FactAttribute
{
    public RequiresLessMemoryThanFactAttribute(long bytes)
    {
        var available = Functional.Cli.Native.AvailableMemory.Read().AvailableBytes;
        if (available >= bytes) Skip = $"this machine has {available >> 30} GiB available, enough for the dataset the test expects refused";
    }
}
