namespace Functional.Tests.Shared;

/// <summary>
/// Assertions for output whose truth is what PyTorch printed (a committed reference, or PyTorch run live), as opposed to an
/// approved snapshot of our own output. Their failure says so, names where PyTorch's output is and shows the first line
/// that differs: approving a received file cannot fix them, only the code (or regenerating the reference under PyTorch) can.
/// </summary>
internal static class PyTorchReference
{
    /// <summary>The notebook run under PyTorch on a CPU: the default transcript must equal it.</summary>
    public const string NotebookTranscript = "tests/Snapshots/Reference/notebook-outputs-cpu.txt";

    /// <summary>Our text must equal PyTorch's output committed at <paramref name="repositoryPath"/>.</summary>
    public static void AssertMatchesFile(string repositoryPath, string pytorch, string ours, string? detail = null) =>
        AssertMatchesFile(repositoryPath, SplitLines(pytorch), SplitLines(ours), detail);

    /// <summary>Our lines must equal PyTorch's, which start at line <paramref name="firstLine"/> of <paramref name="repositoryPath"/>.</summary>
    public static void AssertMatchesFile(
        string repositoryPath, IReadOnlyList<string> pytorch, IReadOnlyList<string> ours, string? detail = null, int firstLine = 1) =>
        AssertSameLines($"must equal PyTorch's output in {repositoryPath}{(detail is null ? "" : $" ({detail})")}", pytorch, ours, firstLine);

    /// <summary>Our text must equal what PyTorch printed when the test ran it (<paramref name="what"/> says what it ran).</summary>
    public static void AssertMatchesLive(string what, string pytorch, string ours) =>
        AssertSameLines($"must equal what live PyTorch printed ({what})", SplitLines(pytorch), SplitLines(ours), firstLine: 1);

    static void AssertSameLines(string claim, IReadOnlyList<string> pytorch, IReadOnlyList<string> ours, int firstLine)
    {
        var line = Enumerable.Range(0, Math.Max(pytorch.Count, ours.Count))
            .FirstOrDefault(i => i >= pytorch.Count || i >= ours.Count || pytorch[i] != ours[i], -1);
        if (line < 0) return;
        var (theirs, mine) = (LineOrEnd(pytorch, line), LineOrEnd(ours, line));
        var column = theirs.Zip(mine).TakeWhile(pair => pair.Item1 == pair.Item2).Count() + 1;
        var where = pytorch.Count == 1 && ours.Count == 1 ? $"column {column}" : $"line {firstLine + line}, column {column}";
        throw new PyTorchReferenceMismatchException(
            $"{claim}; this is not an approved snapshot, so there is nothing to approve\n"
            + $"first difference at {where}:\n"
            + $"  PyTorch: {theirs}\n"
            + $"  ours:    {mine}");
    }

    static string LineOrEnd(IReadOnlyList<string> lines, int index) => index < lines.Count ? lines[index] : "(no more lines)";

    /// <summary>Every line, a last empty one included, so that even a missing or extra final newline is a difference.</summary>
    static string[] SplitLines(string text) => text.Split('\n');
}

public sealed class PyTorchReferenceMismatchException(string message) : Xunit.Sdk.XunitException(message);
