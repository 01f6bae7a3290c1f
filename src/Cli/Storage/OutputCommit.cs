using Functional.Cli.Native;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>
/// Puts a command's files in place all together or not at all. First every file is written in full to a temporary
/// beside its target and flushed; then every target that exists is backed up (a hard link: the target never moves);
/// then the temporaries are renamed over their targets one by one, each rename atomic. Any failure, or an interruption
/// (SIGINT, SIGTERM), before the last rename rolls back in reverse order: renamed files get their backup renamed back,
/// files that did not exist are removed, temporaries and folders made for the run are deleted. So at every instant each
/// target holds either its complete old content or its complete new content, and after a failure every existing file
/// is byte-identical to what it was. Folders are flushed after the renames so the result survives a power cut.
/// </summary>
public static class OutputCommit
{
    public static Fin<Unit> Write(Seq<OutputFile> files) => Write(files, Seq<string>(), CancellationToken.None, OutputFileSystem.Real);

    /// <param name="files">The files, in the order they are put in place.</param>
    /// <param name="foldersMadeForThisRun">Folders the caller created for these files (a run record's folder): removed if the commit fails.</param>
    /// <param name="stop">Cancelled by SIGINT or SIGTERM: a commit not yet complete is rolled back.</param>
    /// <param name="fileSystem">The file system (a test's can fail on purpose).</param>
    public static Fin<Unit> Write(Seq<OutputFile> files, Seq<string> foldersMadeForThisRun, CancellationToken stop, IOutputFileSystem fileSystem) =>
        new Transaction(fileSystem, stop, foldersMadeForThisRun).Run(files);

    /// <summary>What a rollback says when it was the interruption that stopped the commit.</summary>
    public const string InterruptedMessage = "stopped before the outputs were put in place; nothing was written or changed";

    sealed class Staged(OutputFile file, string target, string temporary)
    {
        public OutputFile File => file;
        public string Target => target;
        public string Temporary => temporary;
        public string? Backup { get; set; }
        public bool Written { get; set; }
        public bool Committed { get; set; }
    }

    sealed class Transaction(IOutputFileSystem fs, CancellationToken stop, Seq<string> foldersMadeForThisRun)
    {
        readonly List<Staged> staged = [];
        readonly List<string> createdFolders = [.. foldersMadeForThisRun];

        public Fin<Unit> Run(Seq<OutputFile> files)
        {
            var targets = files.Map(f => Path.GetFullPath(f.Path)).ToList();
            if (targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
                return RollBack(Error.New("two outputs of this run have the same path; nothing was written"));
            Staged? current = null;
            try
            {
                foreach (var (file, target) in files.Zip(targets))
                {
                    if (stop.IsCancellationRequested) return RollBack(Error.New(InterruptedMessage));
                    var folder = Path.GetDirectoryName(target)!;
                    CreateFolders(folder);
                    TemporaryFiles.RemoveStaleIn(folder);
                    if (NotAFile(file.Path, target) is { } refused) return RollBack(Error.New(refused));
                    current = new Staged(file, target, TemporaryFiles.NewIn(folder));
                    staged.Add(current);
                    fs.WriteNew(current.Temporary, file.Content);
                    current.Written = true;
                }
                foreach (var file in staged.Where(s => Exists(s.Target)))
                {
                    current = file;
                    file.Backup = TemporaryFiles.NewIn(Path.GetDirectoryName(file.Target)!);
                    fs.Backup(file.Target, file.Backup);
                }
                foreach (var file in staged)
                {
                    if (stop.IsCancellationRequested) return RollBack(Error.New(InterruptedMessage));
                    current = file;
                    fs.Replace(file.Temporary, file.Target);
                    file.Committed = true;
                }
            }
            catch (Exception e) when (IsFileProblem(e))
            {
                return RollBack(Error.New($"could not write '{current?.File.Path ?? files.HeadOrNone().Map(f => f.Path).IfNone("")}': {Reason(e)}; nothing was written or changed"));
            }
            Settle();
            return unit;
        }

        /// <summary>After the last rename: flush the folders, drop the backups. Failures here change no content, so they are not errors.</summary>
        void Settle()
        {
            foreach (var folder in staged.Select(s => Path.GetDirectoryName(s.Target)!).Concat(createdFolders.Select(f => Path.GetDirectoryName(f)!)).Distinct())
                Quietly(() => fs.SyncFolder(folder));
            foreach (var file in staged.Where(s => s.Backup is not null))
                Quietly(() => fs.Delete(file.Backup!));
        }

        /// <summary>Undoes everything done so far, newest first; a step that cannot be undone is named, with where its old content is.</summary>
        Fin<Unit> RollBack(Error cause)
        {
            var problems = new List<string>();
            foreach (var file in Enumerable.Reverse(staged))
            {
                if (file.Committed)
                {
                    if (file.Backup is { } backup)
                    {
                        if (!Quietly(() => fs.Replace(backup, file.Target)))
                            problems.Add($"'{file.File.Path}' could not be restored; its previous content is in '{backup}'");
                    }
                    else if (!Quietly(() => fs.Delete(file.Target)))
                        problems.Add($"the new '{file.File.Path}' could not be removed");
                }
                else
                {
                    Quietly(() => fs.Delete(file.Temporary));
                    if (file.Backup is { } backup) Quietly(() => fs.Delete(backup));
                }
            }
            foreach (var folder in Enumerable.Reverse(createdFolders)) Quietly(() => fs.DeleteFolderIfEmpty(folder));
            return problems.Count == 0 ? cause : Error.New($"{cause.Message.Replace("; nothing was written or changed", "")}; rolling back failed: {string.Join("; ", problems)}");
        }

        /// <summary>Creates the missing folders down to <paramref name="folder"/>, remembering each one so a rollback can remove it.</summary>
        void CreateFolders(string folder)
        {
            var missing = new Stack<string>();
            for (var path = folder; !Directory.Exists(path); path = Path.GetDirectoryName(path) ?? path)
            {
                if (missing.Count > 0 && missing.Peek() == path) break;
                missing.Push(path);
            }
            while (missing.Count > 0)
            {
                var path = missing.Pop();
                if (fs.CreateFolder(path)) createdFolders.Add(path);
            }
        }

        /// <summary>Only a regular file (or a link, which is replaced itself) may be replaced; a folder, FIFO, device or socket never.</summary>
        static string? NotAFile(string shown, string target) => Posix.Status(target, followLinks: false).Kind switch
        {
            FileKind.Missing or FileKind.Regular or FileKind.SymbolicLink => null,
            FileKind.Directory => $"'{shown}' is a folder; nothing was written",
            var kind => $"'{shown}' is a {OutputTargetCheck.Describe(kind)}, not a regular file; nothing was written",
        };

        static bool Exists(string target) => Posix.Status(target, followLinks: false).Kind != FileKind.Missing;

        static bool Quietly(Action step)
        {
            try
            {
                step();
                return true;
            }
            catch (Exception e) when (IsFileProblem(e))
            {
                return false;
            }
        }
    }

    /// <summary>What went wrong, without the temporary's path that .NET appends (" : '/path/.functional-tmp-...'").</summary>
    internal static string Reason(Exception e) =>
        e.Message.IndexOf(" : '", StringComparison.Ordinal) is var at and > 0 ? e.Message[..at] : e.Message;

    internal static bool IsFileProblem(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException;
}
