using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// Output paths that are not what they seem (issue 11, class 6): a FIFO, a device node, a path two outputs share, a
/// symbolic link. Each is decided before training, and a refusal writes nothing and leaves the target as it was.
/// </summary>
public sealed class OutputTargetTests
{
    static string Folder() => Directory.CreateTempSubdirectory("functional-targets-").FullName;

    static string Kind(string path) => ShellScript.Run($"stat -c %F {ShellScript.Quote(path)}", "/").Stdout.Trim();

    [Fact]
    public void A_named_pipe_as_out_is_bad_input_and_stays_a_named_pipe()
    {
        var folder = Folder();
        var run = ShellScript.Run("mkfifo pipe && $CLI --out pipe --epochs 1", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --out 'pipe' is a named pipe (FIFO), not a regular file; give the path of a file to create or replace\n", run.Stderr);
        Assert.Equal("fifo", Kind(Path.Combine(folder, "pipe")));
        Assert.Equal(["pipe"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_named_pipe_where_a_plot_goes_is_bad_input()
    {
        var folder = Folder();
        var run = ShellScript.Run("mkdir plots && mkfifo plots/loss.png && $CLI --epochs 1 --plots plots", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --plots 'plots/loss.png' is a named pipe (FIFO), not a regular file; give the path of a file to create or replace\n", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(folder, "models")));
    }

    [RequiresDeviceNodesFact]
    public void A_device_node_as_out_is_bad_input_and_the_node_is_left_as_it_was()
    {
        // In a private mount namespace, on a tmpfs made for the test: the null device (1, 3) under another name.
        var folder = Folder();
        var results = Directory.CreateDirectory(Path.Combine(folder, "results")).FullName;
        var mount = Directory.CreateDirectory(Path.Combine(folder, "mount")).FullName;
        var script = $"""
            mount -t tmpfs -o size=1m tmpfs mount || exit 90
            mknod mount/device c 1 3 || exit 91
            cd mount
            $CLI --out device --epochs 1 > ../results/stdout 2> ../results/stderr
            echo $? > ../results/exit
            stat -c '%F %t %T' device > ../results/kind
            ls -A > ../results/files
            """;
        var run = ShellScript.Run($"{ShellScript.Unshare} sh -c {ShellScript.Quote(script)}", folder);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("2", File.ReadAllText(Path.Combine(results, "exit")).Trim());
        Assert.Equal("error: --out 'device' is a device, not a regular file; give the path of a file to create or replace\n", File.ReadAllText(Path.Combine(results, "stderr")));
        Assert.Equal("character special file 1 3", File.ReadAllText(Path.Combine(results, "kind")).Trim());
        Assert.Equal("device", File.ReadAllText(Path.Combine(results, "files")).Trim());
    }

    [Fact]
    public void Out_on_the_loss_plot_is_bad_input_naming_both_outputs()
    {
        var folder = Folder();
        var run = ShellScript.Run("$CLI --out plots/loss.png --epochs 1 --plots plots", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --out 'plots/loss.png' and --plots 'plots/loss.png' are the same file; give each output its own path\n", run.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void Out_through_a_linked_folder_onto_a_plot_is_the_same_file()
    {
        var folder = Folder();
        var run = ShellScript.Run("mkdir figures && ln -s figures alias && $CLI --out alias/data.png --plots figures --epochs 1", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out 'alias/data.png' and --plots 'figures/data.png' are the same file", run.Stderr);
    }

    [Fact]
    public void A_symbolic_link_as_out_is_replaced_by_the_model_file_and_what_it_pointed_to_is_untouched()
    {
        var folder = Folder();
        var run = ShellScript.Run("printf previous > run-17.pt && ln -s run-17.pt latest.pt && $CLI --out latest.pt --epochs 1 --no-plots --no-runs", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("previous", File.ReadAllText(Path.Combine(folder, "run-17.pt")));
        Assert.Null(new FileInfo(Path.Combine(folder, "latest.pt")).LinkTarget);
        Assert.StartsWith("PK", File.ReadAllText(Path.Combine(folder, "latest.pt")));
    }
}
