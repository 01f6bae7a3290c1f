using System.Buffers.Binary;
using Functional.Domain.Training;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Storage;

/// <summary>
/// The run's evaluations, every one, in a temporary file (16 bytes each: the epoch, the training loss as the Python float it is, the test loss) rather than in memory: the transcript prints
/// every evaluated epoch and metrics.csv holds every one, and a run of 10^8 epochs evaluated every epoch would not fit.
/// They are read back, in order, to print the transcript and stream metrics.csv. The file is a temporary like the
/// staged outputs (<see cref="TemporaryFiles"/>) and is deleted when the command ends.
/// </summary>
public sealed class EvaluationSpool : IDisposable
{
    const int RecordSize = 16;

    readonly string path;
    readonly FileStream stream;
    long count;

    EvaluationSpool(string path, FileStream stream) => (this.path, this.stream) = (path, stream);

    public long Count => count;

    /// <summary>A spool in <paramref name="folder"/>, or in its nearest existing ancestor (the output checks made sure it is writable).</summary>
    public static Fin<EvaluationSpool> Create(string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent) existing = parent;
        TemporaryFiles.RemoveStaleIn(existing);
        var path = TemporaryFiles.NewIn(existing);
        try
        {
            return new EvaluationSpool(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16));
        }
        catch (Exception e) when (OutputCommit.IsFileProblem(e))
        {
            return Error.New($"could not keep the training log beside '{folder}': {OutputCommit.Reason(e)}; nothing was written or changed");
        }
    }

    /// <summary>
    /// The training stream, with each evaluated epoch appended to the spool as it passes. A spool that cannot be written
    /// (a full disk) ends the stream with a failure, so the run stops with one error line and writes nothing.
    /// </summary>
    public IEnumerable<TrainingEvent> Recording(IEnumerable<TrainingEvent> events)
    {
        foreach (var e in events)
        {
            var problem = e switch
            {
                EpochCompleted { TestLoss.IsSome: true } epoch => Append(epoch),
                TrainingFinished => Flush(),
                _ => null,
            };
            if (problem is not null)
            {
                yield return new TrainingFailed(problem);
                yield break;
            }
            yield return e;
        }
    }

    /// <summary>The last buffered records reach the file before training is reported finished, so a full disk is found here.</summary>
    Error? Flush()
    {
        try
        {
            stream.Flush();
            return null;
        }
        catch (Exception e) when (OutputCommit.IsFileProblem(e))
        {
            return Unwritable(e);
        }
    }

    Error Unwritable(Exception e) =>
        Error.New($"could not keep the training log in '{Path.GetDirectoryName(path)}': {OutputCommit.Reason(e)}; nothing was written or changed");

    Error? Append(EpochCompleted epoch)
    {
        Span<byte> record = stackalloc byte[RecordSize];
        BinaryPrimitives.WriteInt32LittleEndian(record, epoch.Epoch);
        BinaryPrimitives.WriteDoubleLittleEndian(record[4..], epoch.TrainLoss);
        BinaryPrimitives.WriteSingleLittleEndian(record[12..], epoch.TestLoss.IfNone(float.NaN));
        try
        {
            stream.Write(record);
            count++;
            return null;
        }
        catch (Exception e) when (OutputCommit.IsFileProblem(e))
        {
            return Unwritable(e);
        }
    }

    /// <summary>Every spooled evaluation in order, read lazily; each enumeration reads the file again from the start.</summary>
    public IEnumerable<EpochLog> Evaluations()
    {
        stream.Flush(); // already flushed when training finished; a no-op unless records were added since
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var record = new byte[RecordSize];
        for (var i = 0L; i < count; i++)
        {
            reader.ReadExactly(record);
            yield return new EpochLog(
                BinaryPrimitives.ReadInt32LittleEndian(record),
                BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(4)),
                BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(12)));
        }
    }

    public void Dispose()
    {
        try
        {
            // Closing writes what is still buffered; on a full disk that fails again, and the file goes anyway.
            stream.Dispose();
        }
        catch (Exception e) when (OutputCommit.IsFileProblem(e))
        {
            // Already reported when the write failed.
        }
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (OutputCommit.IsFileProblem(e))
        {
            // Its name marks it as ours; the next run in this folder removes it.
        }
    }
}
