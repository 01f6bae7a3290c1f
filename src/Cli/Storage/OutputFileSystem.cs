using Functional.Cli.Native;

namespace Functional.Cli.Storage;

/// <summary>
/// The file-system steps an output transaction takes, each of which can fail (a full disk, a read-only folder). The
/// transaction only goes through this interface, so a test can make any single step fail and check the rollback.
/// </summary>
public interface IOutputFileSystem
{
    /// <summary>Creates one folder whose parent exists; false when it already existed.</summary>
    bool CreateFolder(string path);

    /// <summary>Creates <paramref name="path"/> (it must not exist), writes the content and flushes it to disk.</summary>
    void WriteNew(string path, OutputContent content);

    /// <summary>Keeps the current content of <paramref name="target"/> under <paramref name="backup"/> without moving the target.</summary>
    void Backup(string target, string backup);

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/> in one atomic step.</summary>
    void Replace(string from, string to);

    void Delete(string path);

    void DeleteFolderIfEmpty(string path);

    /// <summary>Flushes a folder's entries to disk, so renames in it survive a power cut.</summary>
    void SyncFolder(string path);
}

/// <summary>The real file system.</summary>
public sealed class OutputFileSystem : IOutputFileSystem
{
    public static IOutputFileSystem Real { get; } = new OutputFileSystem();

    OutputFileSystem() { }

    public bool CreateFolder(string path)
    {
        if (Directory.Exists(path)) return false;
        Directory.CreateDirectory(path);
        return true;
    }

    public void WriteNew(string path, OutputContent content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        content.WriteTo(stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// A hard link where the file system has them (instant, and the target never moves); otherwise a symbolic link is
    /// recreated as a link and a file is copied and flushed.
    /// </summary>
    public void Backup(string target, string backup)
    {
        if (Posix.TryHardLink(target, backup)) return;
        var info = new FileInfo(target);
        if (info.LinkTarget is { } linkTarget)
        {
            File.CreateSymbolicLink(backup, linkTarget);
            return;
        }
        File.Copy(target, backup);
        using var copy = new FileStream(backup, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        copy.Flush(flushToDisk: true);
    }

    public void Replace(string from, string to) => File.Move(from, to, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public void DeleteFolderIfEmpty(string path)
    {
        if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any()) Directory.Delete(path);
    }

    public void SyncFolder(string path) => Posix.SyncFolder(path);
}
