namespace Functional.Formats;

/// <summary>
/// What a model file can make this program read and build (the README's "Limits"). A file is hostile input: a few
/// bytes can describe a tensor of 2^40 elements (stride 0 over one stored value), a shape of 100,000 dimensions, or
/// a pickle that pushes a value per byte. Each of those is refused with an error before anything of that size exists.
/// </summary>
public static class FormatLimits
{
    /// <summary>Largest model file read: 64 MiB, 16.7 million float32 values, far beyond any model this project declares.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Most dimensions a tensor in a file may have.</summary>
    public const int MaxDimensions = 64;

    /// <summary>
    /// Elements built beyond what the file stores: tensors that view one storage (tied weights, say) are copied per view,
    /// so a file's tensors may hold more elements than its data bytes, but never more than its stored elements plus this.
    /// </summary>
    public const long ExtraElements = 1L << 24;

    /// <summary>Most tensors a file may hold.</summary>
    public const int MaxTensors = 1 << 16;

    /// <summary>Largest safetensors JSON header read (Hugging Face's own reader allows 100 MB; a header for
    /// <see cref="MaxTensors"/> tensors needs a few MB).</summary>
    public const int MaxSafetensorsHeaderBytes = 16 << 20;

    /// <summary>Most values a pickle may create, keep on its stack or memoise (a state_dict needs about 25 per tensor).</summary>
    public const int MaxPickleValues = 1 << 20;

    /// <summary>How many float32 elements the tensors of a file may hold in all, for a file with this many bytes of tensor data.</summary>
    public static long ElementBudget(long tensorDataBytes) => tensorDataBytes / sizeof(float) + ExtraElements;
}
