using Functional.Cli.Native;
using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>
/// Model files on disk: reads one and recognises its format from its content. Only a regular file is read, and only
/// within <see cref="FormatLimits.MaxFileBytes"/>: its kind and size are looked at before a byte is read (a FIFO would
/// block forever, /dev/zero never ends), and then at most that many bytes and one more are read, in case it grew.
/// </summary>
public static class ModelFileStore
{
    public static Fin<(ModelFileFormat Format, LoadedStateDict Loaded)> Read(string path, bool allowNonFinite) =>
        from bytes in ReadAllBytes(path)
        from format in NamingFile(path, ModelFile.Detect(bytes))
        from loaded in NamingFile(path, ModelFile.Read(bytes, allowNonFinite))
        select (format, loaded);

    public static Fin<A> NamingFile<A>(string path, Fin<A> result) =>
        result.Match(Succ: FinSucc, Fail: e => FinFail<A>(Error.New($"'{path}': {e.Message}")));

    /// <summary>The file's bytes, or what it is instead of a readable model file.</summary>
    public static Fin<byte[]> ReadAllBytes(string path)
    {
        var status = Posix.Status(path);
        if (status.Failed) return Error.New($"cannot read '{path}': {status.Problem}");
        if (NotAFile(path, status.Kind) is { } notAFile) return Error.New(notAFile);
        if (status.Size > FormatLimits.MaxFileBytes) return NamingFile(path, FinFail<byte[]>(ModelFile.TooLarge(status.Size)));

        var (handle, errno, problem) = Posix.OpenForReading(path);
        if (handle is null) return Error.New(errno == 0 ? $"cannot read '{path}'" : $"cannot read '{path}': {problem}");
        using (handle)
        {
            // What was opened is checked again: the path may have been replaced between the look and the open.
            var opened = Posix.Status(handle);
            if (opened.Failed) return Error.New($"cannot read '{path}': {opened.Problem}");
            if (NotAFile(path, opened.Kind) is { } notAFileNow) return Error.New(notAFileNow);
            return ReadAtMost(handle, path);
        }
    }

    static string? NotAFile(string path, FileKind kind) => kind switch
    {
        FileKind.Regular => null,
        FileKind.Missing => $"'{path}' does not exist; give the path of a saved model file",
        FileKind.Directory => $"'{path}' is a folder, not a model file; give the path of a saved model file",
        FileKind.NamedPipe => $"'{path}' is a named pipe (FIFO), not a file; a model file must be a regular file",
        FileKind.CharacterDevice or FileKind.BlockDevice => $"'{path}' is a device, not a file; a model file must be a regular file",
        FileKind.Socket => $"'{path}' is a socket, not a file; a model file must be a regular file",
        _ => $"'{path}' is not a regular file; a model file must be one",
    };

    /// <summary>Reads to the end, but never past the limit and one more byte: a file that grew after it was looked at is still bounded.</summary>
    static Fin<byte[]> ReadAtMost(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        try
        {
            using var bytes = new MemoryStream((int)Math.Min(RandomAccess.GetLength(handle), FormatLimits.MaxFileBytes) + 1);
            var chunk = new byte[1 << 16];
            var offset = 0L;
            while (offset <= FormatLimits.MaxFileBytes)
            {
                var read = RandomAccess.Read(handle, chunk.AsSpan(0, (int)Math.Min(chunk.Length, FormatLimits.MaxFileBytes + 1 - offset)), offset);
                if (read == 0) return bytes.ToArray();
                bytes.Write(chunk, 0, read);
                offset += read;
            }
            return NamingFile(path, FinFail<byte[]>(ModelFile.TooLarge(offset)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Error.New($"cannot read '{path}': {e.Message}");
        }
    }
}
