using System.Runtime.InteropServices;

namespace Functional.Cli.Native;

/// <summary>
/// Ends the process as soon as the command is done. A normal exit runs libtorch's C++ static destructors (about
/// 0.1 s of oneDNN and operator-registry teardown) and the runtime's shutdown, which change nothing the user sees:
/// by then every file is written and closed, every background task has been waited for, and
/// <see cref="Output.ConsoleStreams"/> has flushed and closed our stdout and stderr. So what may remain in the runtime's
/// own Console writers is flushed and the process leaves through <c>_exit</c>. Only the entry point calls this, never a
/// test in-process.
/// </summary>
public static class FastExit
{
    public static int AfterFlushing(int exitCode)
    {
        if (!OperatingSystem.IsLinux()) return exitCode;
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
            // A closed stdout or stderr: nothing more can be said there; the exit code still tells.
        }
        RemoveDiagnosticsIpcFiles();
        try
        {
            _exit(exitCode);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc _exit: leave the ordinary way.
        }
        return exitCode;
    }

    /// <summary>The runtime's shutdown removes its diagnostics socket and debugger pipe from the temp folder; _exit skips that, so it is done here.</summary>
    static void RemoveDiagnosticsIpcFiles()
    {
        var pid = Environment.ProcessId;
        try
        {
            foreach (var pattern in new[] { $"dotnet-diagnostic-{pid}-*-socket", $"clr-debug-pipe-{pid}-*" })
                foreach (var file in Directory.EnumerateFiles(Path.GetTempPath(), pattern))
                    File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, as after a kill: the runtime's next start-up does not mind.
        }
    }

    [DllImport("libc", EntryPoint = "_exit")]
    static extern void _exit(int status);
}
