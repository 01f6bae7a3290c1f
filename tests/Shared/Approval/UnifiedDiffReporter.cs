using ApprovalTests.Core;
using DiffPlex.Renderer;

namespace Functional.Tests.Shared.Approval;

/// <summary>
/// Fails a snapshot test with the unified diff of its approved and received files in the failure message, and the one
/// command that approves it. It never launches a diff tool (QuietReporter's behaviour, which CI needs). A test project
/// front-loads it with <c>[assembly: FrontLoadedReporter(typeof(UnifiedDiffReporter))]</c> (tests/Snapshots/ApprovalSettings.cs),
/// so neither a class's own [UseReporter] nor a CI server's ApprovalTests reporter takes its place. Needs DiffPlex.
/// </summary>
public sealed class UnifiedDiffReporter : IEnvironmentAwareReporter
{
    public static readonly UnifiedDiffReporter INSTANCE = new();

    public bool IsWorkingInThisEnvironment(string forFile) => true;

    public void Report(string approved, string received) => throw new SnapshotMismatchException(Describe(approved, received));

    /// <summary>What changed against the approved snapshot, as <c>diff -u approved received</c> shows it, and how to approve it.</summary>
    public static string Describe(string approved, string received)
    {
        var name = Path.GetFileName(received).Split(".received.")[0];
        var (approvedPath, receivedPath) = (RepositoryPath(approved), RepositoryPath(received));
        var approvedText = File.Exists(approved) ? Normalised(approved) : "";
        var diff = UnidiffRenderer.GenerateUnidiff(approvedText, Normalised(received), approvedPath, receivedPath, false, false, 3);
        var what = File.Exists(approved)
            ? $"the output differs from its approved snapshot {approvedPath}:"
            : $"there is no approved snapshot {approvedPath} yet; the output is:";
        return $"{what}\n{diff.TrimEnd('\n')}\n"
            + $"if the new output is right, approve it with: tests/approve {name}";
    }

    static string Normalised(string path) => File.ReadAllText(path).ReplaceLineEndings("\n");

    static string RepositoryPath(string path) => Path.GetRelativePath(RepositoryFiles.PathOf(""), path).Replace('\\', '/');
}

/// <summary>A snapshot test's output differs from what was approved (the message holds the diff).</summary>
public sealed class SnapshotMismatchException(string message) : Xunit.Sdk.XunitException(message);
