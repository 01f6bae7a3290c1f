using Functional.Domain.Text;
using LanguageExt;

namespace Functional.Domain.Tensors;

public sealed record StateEntry(string Key, ParameterValues Value);

/// <summary>An ordered, immutable state_dict: parameter names in registration order with detached values.</summary>
public sealed record StateDict(Seq<StateEntry> Entries)
{
    public Seq<string> Keys => Entries.Map(e => e.Key);

    public Option<ParameterValues> Find(string key) => Entries.Find(e => e.Key == key).Map(e => e.Value);
}

/// <summary>What a module's state_dict must hold: each key with its shape, in order.</summary>
public sealed record ParameterSpec(string Key, Seq<long> Shape)
{
    public string ShapeText => Echo.Shape(Shape);
}

public sealed record StateDictSpec(Seq<ParameterSpec> Parameters)
{
    public Seq<string> Keys => Parameters.Map(p => p.Key);
}
