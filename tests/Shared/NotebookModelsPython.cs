namespace Functional.Tests.Shared;

/// <summary>
/// notebook_models.py, the one copy of the PyTorch model classes, for scripts a test runs through <see cref="PythonTorch"/>.
/// A project that uses it copies ../Shared/*.py to its output folder.
/// </summary>
internal static class NotebookModelsPython
{
    public static string Source => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shared", "notebook_models.py")) + "\n";
}
