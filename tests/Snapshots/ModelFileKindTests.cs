using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// A model path that is not a readable regular file (issue 11, class 5): each is named for what it is, at once (a FIFO
/// no longer blocks, /dev/zero is no longer read until memory runs out), with exit code 2.
/// </summary>
public sealed class ModelFileKindTests
{
    static ShellScript.Result Inspect(string setup, string path) =>
        ShellScript.Run($"{setup}\ntimeout 30 $CLI inspect {ShellScript.Quote(path)}", Directory.CreateTempSubdirectory("functional-kinds-").FullName);

    [Theory]
    [InlineData("mkfifo model.pt", "model.pt", "error: 'model.pt' is a named pipe (FIFO), not a file; a model file must be a regular file")]
    [InlineData("mkdir model.pt", "model.pt", "error: 'model.pt' is a folder, not a model file; give the path of a saved model file")]
    [InlineData("true", "/dev/zero", "error: '/dev/zero' is a device, not a file; a model file must be a regular file")]
    [InlineData("true", "missing.pt", "error: 'missing.pt' does not exist; give the path of a saved model file")]
    [InlineData("truncate -s 67108865 big.pt", "big.pt", "error: 'big.pt': the file is 67,108,865 bytes; model files of up to 67,108,864 bytes (64 MiB) are read (see Limits in the README)")]
    public void A_path_that_is_not_a_readable_model_file_is_named_for_what_it_is(string setup, string path, string expected)
    {
        var run = Inspect(setup, path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected + "\n", run.Stderr);
    }

    [RequiresUnreadableFilesFact]
    public void An_unreadable_file_is_reported_as_unreadable_not_as_missing()
    {
        // Root reads anything: the CLI then runs without the capabilities that override file permissions.
        var withoutOverride = ShellScript.IsRoot ? "setpriv --bounding-set=-dac_override,-dac_read_search --inh-caps=-dac_override,-dac_read_search " : "";
        var folder = Directory.CreateTempSubdirectory("functional-kinds-").FullName;
        var run = ShellScript.Run($"printf model > secret.pt && chmod 000 secret.pt && {withoutOverride}$CLI inspect secret.pt", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: cannot read 'secret.pt': Permission denied\n", run.Stderr);
    }
}

/// <summary>A fact skipped, with the reason, where a file cannot be made unreadable to the CLI (root without setpriv).</summary>
public sealed class RequiresUnreadableFilesFactAttribute : FactAttribute
{
    public RequiresUnreadableFilesFactAttribute()
    {
        if (ShellScript.IsRoot && ShellScript.Run("command -v setpriv", "/").ExitCode != 0)
            Skip = "running as root without setpriv (util-linux), so permissions cannot be made to apply to the CLI";
    }
}
