using Functional.Domain.Training.Checkpoints;
using Functional.Formats.Pickle;
using Functional.Formats.TorchSave;
using Functional.Formats.Zip;
using LanguageExt;

namespace Functional.Formats.Checkpoints;

/// <summary>
/// A training checkpoint in torch.save's format: the zip (PyTorchStreamWriter's layout, the archive folder named after the
/// file's stem as torch.save names it) holding the recipe's dictionary as data.pkl, the tensors' storages under data/
/// (sorted by key, as torch.save writes them) and version. <c>torch.load(path)</c> reads it in PyTorch 1.13.
/// </summary>
public static class CheckpointFormat
{
    public static byte[] Write(Checkpoint checkpoint, string archiveName)
    {
        var (pickle, storages) = CheckpointPickler.Pickle(CheckpointDictionary.Dictionary(checkpoint));
        var entries = new List<ZipEntryContent> { new($"{archiveName}/data.pkl", pickle) };
        entries.AddRange(storages.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ZipEntryContent($"{archiveName}/data/{s.Key}", s.Bytes)));
        entries.Add(new ZipEntryContent($"{archiveName}/version", "3\n"u8.ToArray()));
        return PyTorchZipWriter.Write(entries);
    }

    /// <summary>A checkpoint read with the restricted unpickler: only values and tensors, never code.</summary>
    public static Fin<SavedCheckpoint> Read(byte[] bytes) =>
        TorchSaveReader.ReadPickle(bytes).Bind(CheckpointReader.From);
}
