using Functional.Domain.Tensors;
using Functional.Domain.Text;
using Functional.Formats.Safetensors;
using Functional.Formats.TorchSave;
using Functional.Formats.Zip;
using LanguageExt.Common;
using LanguageExt;

namespace Functional.Formats;

public enum ModelFileFormat { TorchSave, Safetensors }

/// <summary>Reads a model file of either supported format, recognised by its content rather than its extension.</summary>
public static class ModelFile
{
    /// <summary>The magic number that starts PyTorch's pre-1.6 (non-zip) torch.save format.</summary>
    private static ReadOnlySpan<byte> LegacyTorchPrefix => [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    public static Fin<ModelFileFormat> Detect(byte[] bytes)
    {
        if (bytes.Length == 0) return Error.New("the model file is empty");
        if (bytes.LongLength > FormatLimits.MaxFileBytes) return TooLarge(bytes.LongLength);
        if (ZipDirectory.LooksLikeZip(bytes)) return ModelFileFormat.TorchSave;
        if (SafetensorsReader.HasPlausibleHeader(bytes)) return ModelFileFormat.Safetensors;
        if (bytes.AsSpan().StartsWith(LegacyTorchPrefix))
            return Error.New("this is PyTorch's legacy (pre-1.6) format, which is not supported; re-save it with a current torch.save");
        return Error.New("not a PyTorch or safetensors file");
    }

    public static Fin<LoadedStateDict> Read(byte[] bytes, bool allowNonFinite = false) =>
        from format in Detect(bytes)
        from loaded in format == ModelFileFormat.TorchSave ? TorchSaveFormat.Read(bytes) : SafetensorsFormat.Read(bytes)
        from finite in allowNonFinite ? loaded : RefuseNonFinite(loaded)
        select finite;

    /// <summary>The refusal of a file over <see cref="FormatLimits.MaxFileBytes"/>, named by its size.</summary>
    public static Error TooLarge(long size) => Error.New(
        $"the file is {size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes; model files of up to " +
        $"{FormatLimits.MaxFileBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes ({FormatLimits.MaxFileBytes >> 20} MiB) are read (see Limits in the README)");

    private static Fin<LoadedStateDict> RefuseNonFinite(LoadedStateDict loaded) =>
        loaded.StateDict.Entries
            .Choose(e => e.Value.Data.Find(v => !float.IsFinite(v)).Map(v => $"'{Echo.Text(e.Key)}' contains {v}"))
            .HeadOrNone()
            .Match(
                Some: problem => Fin<LoadedStateDict>.Fail(Error.New($"the model file holds non-finite values: {problem}; pass --allow-nonfinite to load it anyway")),
                None: () => Fin<LoadedStateDict>.Succ(loaded));
}
