using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// stdout and stderr that cannot be written (issue 11, class 11): closed with <c>&gt;&amp;-</c>, full (<c>/dev/full</c>),
/// or read by a program that stops early (<c>| head</c>). Each gives an exit code, never a stack trace.
/// </summary>
public sealed class ConsoleFailureTests
{
    const string QuickRun = "--epochs 20 --no-plots --no-runs";

    static (ShellScript.Result Run, string Folder) InFolder(string script)
    {
        var folder = Directory.CreateTempSubdirectory("functional-console-").FullName;
        return (ShellScript.Run(script, folder), folder);
    }

    static void NoStackTrace(ShellScript.Result run) => Assert.DoesNotContain("   at ", run.Stdout + run.Stderr);

    [Fact]
    public void A_full_stdout_is_exit_code_1_with_one_error_line()
    {
        var (run, _) = InFolder($"$CLI {QuickRun} > /dev/full");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("error: could not write to standard output: No space left on device\n", run.Stderr);
        NoStackTrace(run);
    }

    [Fact]
    public void Help_to_a_full_stdout_is_exit_code_1_with_one_error_line()
    {
        var (run, _) = InFolder("$CLI --help > /dev/full");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: could not write to standard output: No space left on device\n", run.Stderr);
    }

    [Theory]
    [InlineData(QuickRun)]
    [InlineData("--help")]
    [InlineData("inspect models/none.pt")]
    public void A_closed_stdout_is_bad_input_before_anything_runs_or_is_written(string args)
    {
        var (run, folder) = InFolder($"$CLI {args} >&-");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: standard output is closed, so nothing could be printed; run again with stdout open (e.g. > output.txt)\n", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void With_stderr_closed_the_run_completes_and_its_exit_code_tells()
    {
        var (run, folder) = InFolder($"$CLI {QuickRun} 2>&-");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Saving model to models/01_pytorch_model\n", run.Stdout);
        Assert.True(File.Exists(Path.Combine(folder, "models", "01_pytorch_model")));
    }

    [Fact]
    public void With_both_closed_nothing_runs()
    {
        var (run, folder) = InFolder($"$CLI {QuickRun} >&- 2>&-");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void A_full_stderr_makes_a_successful_run_exit_1_and_stdout_is_complete()
    {
        var (run, _) = InFolder($"$CLI {QuickRun} 2> /dev/full");
        var (normal, _) = InFolder($"$CLI {QuickRun}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, normal.ExitCode);
        Assert.Equal(normal.Stdout, run.Stdout);
    }

    [Fact]
    public void A_reader_that_stops_early_leaves_the_exit_code_the_runs_own()
    {
        // 5,000 log lines are far more than a pipe holds, so the run writes on after head has closed its end.
        var (run, folder) = InFolder("{ $CLI --epochs 5000 --eval-every 1 --fused --no-plots --no-runs; echo $? > exit; } | head -1");

        Assert.Equal("Number of X samples: 100\n", run.Stdout);
        Assert.Equal("0", File.ReadAllText(Path.Combine(folder, "exit")).Trim());
        Assert.Matches(@"^Using device: cpu\nLast epoch: 4999 \| Train loss: \S+ \| Test loss: \S+\n$", run.Stderr);
    }
}
