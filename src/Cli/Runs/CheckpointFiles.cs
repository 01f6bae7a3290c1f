using Functional.Cli.Progress;
using Functional.Cli.Storage;
using Functional.Domain.Training.Checkpoints;
using Functional.Formats.Checkpoints;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Runs;

/// <summary>
/// Checkpoints in the run's folder, which the first one creates (so they outlive a run that later fails or is killed):
/// <c>checkpoint-epoch-&lt;epochs done&gt;.pt</c> and <c>last.pt</c>, both put in place in one all-or-nothing commit,
/// with signals held while it runs.
/// </summary>
public sealed class CheckpointFiles(string root, string folderName, Interruption interruption)
{
    public const string LastFile = "last.pt";

    Option<RunFolder> made;

    /// <summary>The run's folder once a checkpoint made it; the run's record then goes into the same folder.</summary>
    public Option<string> Folder => made.Map(folder => folder.Folder);

    public static string FileName(int epoch) => FormattableString.Invariant($"checkpoint-epoch-{epoch}.pt");

    /// <summary>Writes the checkpoint; the path of last.pt, or why it could not be written.</summary>
    public Fin<string> Write(Checkpoint checkpoint)
    {
        // A second Ctrl+C must not end the process half-way through the files.
        using var held = interruption.Hold();
        var folder = made.Match(Some: FinSucc, None: () => RunRecord.CreateFreshFolder(root, folderName));
        if (folder.IsFail) return folder.Map(_ => "");
        var run = folder.IfFail(_ => throw new InvalidOperationException("checked above"));
        made = Some(run);
        var file = FileName(checkpoint.Epoch);
        var last = Path.Combine(run.Folder, LastFile);
        // torch.save names the archive's top folder after the file's stem; so do we, for each file.
        var written = OutputCommit.Write(Seq(
            new OutputFile(Path.Combine(run.Folder, file), CheckpointFormat.Write(checkpoint, Path.GetFileNameWithoutExtension(file))),
            new OutputFile(last, CheckpointFormat.Write(checkpoint, Path.GetFileNameWithoutExtension(LastFile)))));
        return written.Match(
            Succ: _ => FinSucc(last),
            Fail: error => FinFail<string>(Error.New($"could not write the checkpoint of epoch {checkpoint.Epoch} into '{run.Folder}': {error.Message}")));
    }
}
