using Functional.Domain.Tensors;
using Functional.Formats.Checkpoints;
using Functional.Formats.Zip;
using Functional.Formats;
using LanguageExt;

namespace Functional.Formats.TorchSave;

/// <summary>
/// The file <c>torch.save(model.state_dict(), path)</c> writes (PyTorch 1.6+ zip format, as written by 1.13):
/// a zip whose single top folder holds data.pkl (the pickled OrderedDict), data/&lt;key&gt; (raw little-endian
/// storages) and version ("3\n"). torch.load accepts any top folder name; PyTorch itself uses the file's stem.
/// </summary>
public static class TorchSaveFormat
{
    public const string DefaultArchiveName = "archive";
    private const string FormatVersion = "3\n";

    public static byte[] Write(StateDict dict) => Write(dict, DefaultArchiveName);

    public static byte[] Write(StateDict dict, string archiveName)
    {
        var (pickle, pickled) = CheckpointPickler.Pickle(new PythonObject.ModuleStateDict(dict));
        // torch.save writes storages in sorted(str key) order, so "10" comes before "2".
        var storages = pickled
            .Select(storage => new ZipEntryContent($"{archiveName}/data/{storage.Key}", storage.Bytes))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal);
        var entries = new[] { new ZipEntryContent($"{archiveName}/data.pkl", pickle) }
            .Concat(storages)
            .Append(new ZipEntryContent($"{archiveName}/version", System.Text.Encoding.ASCII.GetBytes(FormatVersion)))
            .ToList();
        return PyTorchZipWriter.Write(entries);
    }

    public static Fin<LoadedStateDict> Read(byte[] bytes) => TorchSaveReader.Read(bytes);
}
