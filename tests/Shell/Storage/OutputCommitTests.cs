using Functional.Cli.Native;
using Functional.Cli.Storage;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;

namespace Functional.Tests.Shell.Storage;

/// <summary>
/// A run's outputs are all or nothing: after a failure at any step, or an interruption at any step, every file that
/// existed is byte-identical, nothing new exists, and no temporary or folder made for the run is left behind.
/// </summary>
public sealed class OutputCommitTests
{
    /// <summary>Two files that exist (replaced) and two that do not, one in a folder that does not exist either.</summary>
    static Seq<OutputFile> RunOutputs(TempFolder folder) => Prelude.Seq(
        new OutputFile(folder.File("models/model.pt"), [1, 1]),
        new OutputFile(folder.File("plots/data.png"), [2, 2]),
        new OutputFile(folder.File("plots/loss.png"), [3, 3]),
        new OutputFile(folder.File("runs/run-1/metrics.csv"), OutputContent.Streamed(stream => stream.Write([4, 4]))));

    static void ExistingFiles(TempFolder folder)
    {
        Directory.CreateDirectory(folder.File("models"));
        Directory.CreateDirectory(folder.File("plots"));
        File.WriteAllBytes(folder.File("models/model.pt"), [9]);
        File.WriteAllBytes(folder.File("plots/data.png"), [8]);
    }

    /// <summary>Every file and folder under the test's folder, hidden ones included, with each file's bytes.</summary>
    static SortedDictionary<string, string> Tree(TempFolder folder) =>
        new(Directory.EnumerateFileSystemEntries(folder.Path, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(folder.Path, path),
            path => Directory.Exists(path) ? "<folder>" : Convert.ToHexString(File.ReadAllBytes(path))), StringComparer.Ordinal);

    static List<string> StepsOfASuccessfulCommit()
    {
        using var folder = new TempFolder();
        ExistingFiles(folder);
        var recorder = new FaultyFileSystem();
        Assert.True(OutputCommit.Write(RunOutputs(folder), Prelude.Seq<string>(), CancellationToken.None, recorder).IsSucc);
        return recorder.Steps;
    }

    [Fact]
    public void Writes_every_file_creating_folders_and_leaves_no_temporary_behind()
    {
        using var folder = new TempFolder();
        ExistingFiles(folder);

        Assert.True(OutputCommit.Write(RunOutputs(folder)).IsSucc);

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["models"] = "<folder>", ["models/model.pt"] = "0101", ["plots"] = "<folder>", ["plots/data.png"] = "0202",
            ["plots/loss.png"] = "0303", ["runs"] = "<folder>", ["runs/run-1"] = "<folder>", ["runs/run-1/metrics.csv"] = "0404",
        }, Tree(folder));
    }

    public static TheoryData<int> EveryStep() => new(Enumerable.Range(0, StepsOfASuccessfulCommit().Count));

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void A_failure_at_any_step_leaves_every_existing_file_byte_identical_and_nothing_else(int step)
    {
        using var folder = new TempFolder();
        ExistingFiles(folder);
        var before = Tree(folder);
        var failing = new FaultyFileSystem(failAtStep: step);

        var result = OutputCommit.Write(RunOutputs(folder), Prelude.Seq<string>(), CancellationToken.None, failing);

        Assert.True(result.IsFail, $"failing {failing.Steps[step]} went unnoticed");
        Assert.Equal(before, Tree(folder));
        var error = result.Match(_ => "", e => e.Message);
        Assert.Contains("No space left on device (injected)", error);
        Assert.EndsWith("nothing was written or changed", error);
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void An_interruption_at_any_step_rolls_back_to_the_files_as_they_were(int step)
    {
        using var folder = new TempFolder();
        ExistingFiles(folder);
        var before = Tree(folder);
        using var signal = new CancellationTokenSource();
        var interrupted = new FaultyFileSystem(interruptAtStep: step, interruption: signal);

        var result = OutputCommit.Write(RunOutputs(folder), Prelude.Seq<string>(), signal.Token, interrupted);

        // A signal during the last rename comes too late to stop it: the commit is then complete, and that is kept.
        if (step == interrupted.Steps.Count - 1 && result.IsSucc)
        {
            Assert.Equal("0303", Tree(folder)["plots/loss.png"]);
            return;
        }
        Assert.Equal(OutputCommit.InterruptedMessage, result.Match(_ => "committed", e => e.Message));
        Assert.Equal(before, Tree(folder));
    }

    [Fact]
    public void A_rollback_step_that_fails_too_is_named_with_where_the_previous_content_is_kept()
    {
        using var folder = new TempFolder();
        ExistingFiles(folder);
        var lastRename = StepsOfASuccessfulCommit().Count - 1;
        // The step after the last rename is the rollback's first restore: plots/data.png's backup renamed back.
        var result = OutputCommit.Write(RunOutputs(folder), Prelude.Seq<string>(), CancellationToken.None,
            new FaultyFileSystem(failAtStep: lastRename, alsoFailAtStep: lastRename + 1));

        var error = result.Match(_ => "committed", e => e.Message);
        Assert.Matches(@"rolling back failed: '.*plots/data\.png' could not be restored; its previous content is in '(.*)'$", error);
        var kept = System.Text.RegularExpressions.Regex.Match(error, "content is in '(.*)'$").Groups[1].Value;
        Assert.Equal(new byte[] { 8 }, File.ReadAllBytes(kept));
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(folder.File("models/model.pt")));
    }

    [Fact]
    public void A_folder_the_caller_made_for_the_run_is_removed_when_the_commit_fails()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("runs/run-1"));
        var outputs = Prelude.Seq1(new OutputFile(folder.File("runs/run-1/metrics.csv"), [1]));

        var result = OutputCommit.Write(outputs, Prelude.Seq(folder.File("runs"), folder.File("runs/run-1")), CancellationToken.None, new FaultyFileSystem(failAtStep: 0));

        Assert.True(result.IsFail);
        Assert.Empty(Tree(folder));
    }

    [Fact]
    public void A_symbolic_link_target_is_replaced_itself_and_the_file_it_pointed_to_is_left_as_it_was()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("run-17.pt"), [7]);
        File.CreateSymbolicLink(folder.File("latest.pt"), "run-17.pt");

        Assert.True(OutputCommit.Write(Prelude.Seq1(new OutputFile(folder.File("latest.pt"), [1]))).IsSucc);

        Assert.Null(new FileInfo(folder.File("latest.pt")).LinkTarget);
        Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(folder.File("latest.pt")));
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(folder.File("run-17.pt")));
    }

    [Fact]
    public void A_rolled_back_symbolic_link_is_a_link_again()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("run-17.pt"), [7]);
        File.CreateSymbolicLink(folder.File("latest.pt"), "run-17.pt");
        var outputs = Prelude.Seq(new OutputFile(folder.File("latest.pt"), [1]), new OutputFile(folder.File("other.pt"), [2]));
        var steps = new FaultyFileSystem();
        Assert.True(OutputCommit.Write(outputs, Prelude.Seq<string>(), CancellationToken.None, steps).IsSucc);
        File.Delete(folder.File("latest.pt"));
        File.Delete(folder.File("other.pt"));
        File.CreateSymbolicLink(folder.File("latest.pt"), "run-17.pt");

        var lastRename = steps.Steps.Count - 1;
        Assert.True(OutputCommit.Write(outputs, Prelude.Seq<string>(), CancellationToken.None, new FaultyFileSystem(failAtStep: lastRename)).IsFail);

        Assert.Equal("run-17.pt", new FileInfo(folder.File("latest.pt")).LinkTarget);
        Assert.False(File.Exists(folder.File("other.pt")));
    }

    [Fact]
    public void A_target_that_became_a_named_pipe_is_refused_at_commit_time_and_nothing_is_written()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var folder = new TempFolder();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [folder.File("pipe")])) mkfifo.WaitForExit();
        var outputs = Prelude.Seq(new OutputFile(folder.File("model.pt"), [1]), new OutputFile(folder.File("pipe"), [2]));

        var result = OutputCommit.Write(outputs);

        Assert.Contains("'" + folder.File("pipe") + "' is a named pipe (FIFO), not a regular file", result.Match(_ => "", e => e.Message));
        Assert.Equal(new[] { "pipe" }, Directory.EnumerateFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_outputs_with_one_path_are_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        var outputs = Prelude.Seq(new OutputFile(folder.File("a/x.png"), [1]), new OutputFile(folder.File("a/../a/x.png"), [2]));

        Assert.True(OutputCommit.Write(outputs).IsFail);
        Assert.Empty(Tree(folder));
    }

    [Fact]
    public void Temporaries_of_a_process_that_is_gone_are_removed_and_those_of_a_live_one_kept()
    {
        using var folder = new TempFolder();
        var dead = DeadProcessId();
        var stale = folder.File($"{TemporaryFiles.Prefix}{dead}-{Guid.NewGuid():N}");
        var live = folder.File($"{TemporaryFiles.Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        var notOurs = folder.File(".functional-tmp-notes.txt");
        foreach (var path in new[] { stale, live, notOurs }) File.WriteAllBytes(path, [0]);

        Assert.True(OutputCommit.Write(Prelude.Seq1(new OutputFile(folder.File("model.pt"), [1]))).IsSucc);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live) && File.Exists(notOurs));
    }

    /// <summary>The id of a process that has exited (and been reaped), so no process has it for now.</summary>
    static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        Assert.False(Posix.ProcessExists(process.Id));
        return process.Id;
    }
}
