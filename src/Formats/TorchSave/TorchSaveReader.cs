using Functional.Domain.Tensors;
using Functional.Domain.Text;
using Functional.Formats.Pickle;
using Functional.Formats.Zip;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats.TorchSave;

/// <summary>
/// Reads a torch.save zip: finds the single top folder holding data.pkl (PyTorch names it after the file's stem;
/// "archive" is common too), unpickles it with the restricted unpickler and resolves storages to &lt;folder&gt;/data/&lt;key&gt;.
/// </summary>
internal static class TorchSaveReader
{
    public static Fin<LoadedStateDict> Read(byte[] bytes) =>
        from zip in ZipDirectory.Open(bytes)
        from folder in ArchiveFolder(zip)
        from pickleEntry in Entry(zip, $"{folder}/data.pkl")
        from pickle in zip.Read(pickleEntry)
        from root in RestrictedUnpickler.Load(pickle.ToArray(), new TensorRebuilder(StorageLoader(zip, folder), BudgetFor(zip, folder)))
        from loaded in ToStateDict(root)
        select loaded;

    private static Fin<string> ArchiveFolder(ZipDirectory zip)
    {
        var folders = zip.Entries
            .Map(e => e.Name.Split('/'))
            .Filter(parts => parts is [_, "data.pkl"])
            .Map(parts => parts[0]);
        return folders.Count switch
        {
            1 => Fin<string>.Succ(folders[0]),
            0 => Error.New("the zip archive holds no <folder>/data.pkl, so it is not a PyTorch file"),
            _ => Error.New("the zip archive holds more than one data.pkl, so it is not a single PyTorch file"),
        };
    }

    /// <summary>The elements the file's tensors may hold: what its storages hold, plus the allowance for repeated views.</summary>
    private static ElementBudget BudgetFor(ZipDirectory zip, string folder) =>
        new(zip.Entries.Filter(e => e.Name.StartsWith($"{folder}/data/", StringComparison.Ordinal)).Fold(0L, (sum, e) => sum + e.Size));

    private static Func<string, Fin<ReadOnlyMemory<byte>>> StorageLoader(ZipDirectory zip, string folder)
    {
        // A storage shared by several tensors is read (and checksummed) once per load.
        var loaded = new Dictionary<string, Fin<ReadOnlyMemory<byte>>>(StringComparer.Ordinal);
        return key =>
        {
            if (!loaded.TryGetValue(key, out var bytes))
            {
                bytes = Entry(zip, $"{folder}/data/{key}").Bind(zip.Read);
                loaded[key] = bytes;
            }
            return bytes;
        };
    }

    private static Fin<ZipEntryLocation> Entry(ZipDirectory zip, string name) =>
        zip.Find(name).ToFin(Error.New($"the PyTorch archive has no entry '{Echo.Text(name)}'"));

    private static Fin<LoadedStateDict> ToStateDict(PickleValue root)
    {
        if (root is not PyDict dict)
            return Error.New($"the file holds a {root.PythonTypeName}, not a state_dict (save model.state_dict(), not the model)");
        var entries = new List<StateEntry>();
        var notes = new List<string>();
        var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in dict.Items)
        {
            if (key is not PyString name)
                return Error.New($"the state_dict has a {key.PythonTypeName} key; keys must be strings");
            if (value is not PyTensor tensor)
                return Error.New($"state_dict entry '{Echo.Text(name.Value)}' is a {value.PythonTypeName}, not a tensor (save model.state_dict(), not a checkpoint dict)");
            if (!keys.Add(name.Value))
                return Error.New($"state_dict key '{Echo.Text(name.Value)}' appears twice");
            entries.Add(new StateEntry(name.Value, tensor.Values));
            tensor.Note.Iter(note => notes.Add($"{name.Value}: {note}"));
        }
        return new LoadedStateDict(new StateDict(entries.ToSeq().Strict()), notes.ToSeq().Strict());
    }
}
