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

    /// <summary>An unknown --model is answered with the declared keys; they come from the catalog, so adding a model changes no snapshot.</summary>
    static string WithoutModelList(string stderr) =>
        stderr.Replace(string.Join(", ", Functional.Models.ModelCatalog.Keys), "<the declared model keys>");
}
