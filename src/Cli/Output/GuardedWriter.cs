using System.Text;

namespace Functional.Cli.Output;

/// <summary>
/// A console stream that cannot throw: the first write that fails (a full disk behind <c>&gt; /dev/full</c>, a descriptor
/// that is not writable) is remembered, and every later write is dropped. The command then ends with an exit code
/// instead of a stack trace (see <see cref="ConsoleStreams"/>).
/// </summary>
public sealed class GuardedWriter(TextWriter inner) : TextWriter
{
    public Exception? Failure { get; private set; }

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (Failure is not null) return;
        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failure = e;
        }
    }

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    void Guard(Action write)
    {
        if (Failure is not null) return;
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failure = e;
        }
    }
}
