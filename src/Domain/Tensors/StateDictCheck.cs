using Functional.Domain.Text;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Tensors;

/// <summary>PyTorch's strict load_state_dict check: every missing key, unexpected key and shape mismatch at once.</summary>
public static class StateDictCheck
{
    public static Validation<Error, StateDict> Against(StateDictSpec spec, StateDict candidate)
    {
        var missing = spec.Parameters
            .Filter(p => candidate.Find(p.Key).IsNone)
            .Map(p => Error.New($"missing key '{p.Key}' (expected shape {p.ShapeText})"));
        // A file can hold thousands of keys no model has: a few are named, the rest counted, so the report stays short.
        var expected = new System.Collections.Generic.HashSet<string>(spec.Keys, StringComparer.Ordinal);
        var unexpected = Echo.Listed(
                candidate.Entries.Filter(e => !expected.Contains(e.Key)).Map(e => $"unexpected key '{Echo.Text(e.Key)}'").ToList(),
                "unexpected keys")
            .Select(Error.New)
            .ToSeq();
        var mismatched = spec.Parameters.Bind(p => candidate.Find(p.Key)
            // Enumerable's comparison, not LanguageExt's: the latter scans every loaded assembly for Eq instances on first use.
            .Filter(v => !Enumerable.SequenceEqual(v.Shape, p.Shape))
            .Map(v => Error.New($"shape mismatch for '{p.Key}': the file has {v.ShapeText}, the model needs {p.ShapeText}"))
            .ToSeq());
        var problems = missing + unexpected + mismatched;
        return problems.IsEmpty
            ? Success<Error, StateDict>(new StateDict(spec.Parameters.Map(p => new StateEntry(p.Key, candidate.Find(p.Key).IfNone(() => throw new InvalidOperationException())))))
            : Fail<Error, StateDict>(problems);
    }
}
