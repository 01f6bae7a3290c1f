using static TorchSharp.torch;

namespace Functional.Bench.Modes;

public static class ThreadSetting
{
    /// <summary>Sets libtorch's intra-op threads when asked (0 keeps libtorch's default) and returns the count in force.</summary>
    public static int Apply(int requested)
    {
        if (requested > 0) set_num_threads(requested);
        return get_num_threads();
    }
}
