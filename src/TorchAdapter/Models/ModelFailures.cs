using System.Runtime.InteropServices;
using Functional.Domain.Models;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.TorchAdapter.Models;

/// <summary>
/// The boundary where TorchSharp's exceptions become values: a declaration that compiles can still fail when it runs
/// (layers whose shapes do not chain, say), and that is one line naming the model and libtorch's reason, not a trace.
/// </summary>
public static class ModelFailures
{
    public static Fin<A> Guard<A>(ModelSpec model, Func<A> run)
    {
        try
        {
            return FinSucc(run());
        }
        catch (Exception e) when (e is ExternalException or ArgumentException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException)
        {
            return FinFail<A>(Error.New($"model '{model.Key}' ({model.ClassName}) failed: {Cause(e)}"));
        }
    }

    /// <summary>libtorch appends its C++ backtrace to the message; the first line is the reason.</summary>
    static string Cause(Exception e) =>
        e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.GetType().Name;
}
