using System.Runtime.InteropServices;

namespace Functional.Cli.Progress;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM, turned from "die now" into a request the command honours at its next safe point:
/// training stops after the current epoch, a commit of outputs that is not complete rolls back, printing stops. While
/// outputs are being committed every signal is held until the commit is done or undone; outside that, a second signal
/// ends the process at once, as a user pressing Ctrl+C twice expects (temporary files it leaves are removed by the next
/// run, see <see cref="Storage.TemporaryFiles"/>).
/// </summary>
public sealed class Interruption : IDisposable
{
    readonly CancellationTokenSource requested = new();
    readonly PosixSignalRegistration[] registrations;
    int signal;
    int critical;

    Interruption() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    public static Interruption Listen() => new();

    public CancellationToken Token => requested.Token;

    public bool Requested => requested.IsCancellationRequested;

    /// <summary>128 + the signal's number, as shells report a process a signal stopped: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => 128 + (Volatile.Read(ref signal) == (int)PosixSignal.SIGTERM ? 15 : 2);

    /// <summary>While the returned scope is open, no signal ends the process; the commit checks <see cref="Token"/> instead.</summary>
    public IDisposable Hold()
    {
        Interlocked.Increment(ref critical);
        return new Release(this);
    }

    void Handle(PosixSignalContext context)
    {
        var first = Interlocked.CompareExchange(ref signal, (int)context.Signal, 0) == 0;
        context.Cancel = first || Volatile.Read(ref critical) > 0;
        requested.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        requested.Dispose();
    }

    sealed class Release(Interruption interruption) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref interruption.critical);
    }
}
