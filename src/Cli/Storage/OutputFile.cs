namespace Functional.Cli.Storage;

/// <summary>One file a command writes: where (as the user named it) and what goes in it.</summary>
public sealed record OutputFile(string Path, OutputContent Content)
{
    public OutputFile(string path, byte[] bytes) : this(path, OutputContent.Of(bytes)) { }
}

/// <summary>
/// A file's content: bytes held in memory, or written to the file by a function (a run's metrics.csv is streamed from
/// the spooled training log, so a run of a million evaluations never holds them all).
/// </summary>
public abstract record OutputContent
{
    OutputContent() { }

    public static OutputContent Of(byte[] bytes) => new InMemory(bytes);

    public static OutputContent Streamed(Action<Stream> write) => new Written(write);

    public abstract void WriteTo(Stream stream);

    sealed record InMemory(byte[] Bytes) : OutputContent
    {
        public override void WriteTo(Stream stream) => stream.Write(Bytes);
    }

    sealed record Written(Action<Stream> Write) : OutputContent
    {
        public override void WriteTo(Stream stream) => Write(stream);
    }
}
