using Functional.Cli.Storage;

namespace Functional.Tests.Shell.Storage;

/// <summary>
/// The real file system, recording each step it is asked to take, and failing (as a full disk would) or signalling an
/// interruption at one chosen step: the transaction's behaviour after a failure at every single step can be checked.
/// </summary>
internal sealed class FaultyFileSystem(int failAtStep = -1, int interruptAtStep = -1, CancellationTokenSource? interruption = null, int alsoFailAtStep = -1) : IOutputFileSystem
{
    readonly IOutputFileSystem real = OutputFileSystem.Real;

    public List<string> Steps { get; } = [];

    public bool CreateFolder(string path) => Step($"CreateFolder {Path.GetFileName(path)}", () => real.CreateFolder(path));

    // A disk that fills up mid-file: the temporary is created and partly written before the write fails.
    public void WriteNew(string path, OutputContent content) =>
        Step("WriteNew", () => { real.WriteNew(path, content); return true; }, beforeFailing: () => File.WriteAllBytes(path, [1, 2, 3]));

    public void Backup(string target, string backup) => Step($"Backup {Path.GetFileName(target)}", () => { real.Backup(target, backup); return true; });

    public void Replace(string from, string to) => Step($"Replace {Path.GetFileName(to)}", () => { real.Replace(from, to); return true; });

    public void Delete(string path) => real.Delete(path);

    public void DeleteFolderIfEmpty(string path) => real.DeleteFolderIfEmpty(path);

    public void SyncFolder(string path) => real.SyncFolder(path);

    T Step<T>(string name, Func<T> action, Action? beforeFailing = null)
    {
        var index = Steps.Count;
        Steps.Add(name);
        if (index == interruptAtStep) interruption?.Cancel();
        if (index == failAtStep || index == alsoFailAtStep)
        {
            beforeFailing?.Invoke();
            throw new IOException("No space left on device (injected)");
        }
        return action();
    }
}
