using System.Linq;

namespace Functional.Generators;

public enum ComponentKind
{
    Parameter,
    Linear,
}

/// <summary>One record component: a learnable tensor ([Parameter]) or a sub-layer ([Linear]).</summary>
/// <param name="PropertyName">The record's property, e.g. <c>LinearLayer</c>.</param>
/// <param name="StateName">The PyTorch attribute name, e.g. <c>linear_layer</c>: field name and state_dict prefix.</param>
/// <param name="Shape">The tensor shape of a [Parameter]; empty for a [Linear].</param>
/// <param name="InputsFromData">A [Linear] whose input size is <c>Inputs.Features</c>: the data's feature count, not <paramref name="InFeatures"/>.</param>
/// <param name="IsModel">A [Linear] that is the model itself: its keys are <c>weight</c> and <c>bias</c>, with no prefix.</param>
public readonly record struct ComponentToGenerate(
    string PropertyName,
    string StateName,
    ComponentKind Kind,
    EquatableArray<int> Shape,
    int InFeatures,
    int OutFeatures,
    bool InputsFromData = false,
    bool IsModel = false)
{
    /// <summary>The prefix of a layer's state_dict keys (<c>linear_layer</c>), empty for a layer that is the model.</summary>
    public string StatePrefix => IsModel ? string.Empty : StateName;
}

/// <summary>
/// Everything the emitter needs about one valid [Model] record, as equatable values. It holds no location: moving a
/// declaration within its file leaves this value equal, so nothing is emitted again.
/// </summary>
/// <param name="Namespace">The record's namespace; empty for the global namespace.</param>
/// <param name="ClassName">PyTorch's class name, used as the module name and in ToString.</param>
/// <param name="Key">The name the CLI selects the model by.</param>
/// <param name="Forward">Forward compiled to a graph, or the construct that could not be.</param>
public readonly record struct ModelToGenerate(
    string Namespace,
    string RecordName,
    bool IsValueType,
    string ClassName,
    string Key,
    EquatableArray<ComponentToGenerate> Components,
    ForwardToGenerate Forward)
{
    public string ModuleName => RecordName + "Module";

    public string QualifiedModuleName =>
        Namespace.Length == 0 ? "global::" + ModuleName : "global::" + Namespace + "." + ModuleName;

    public string QualifiedRecordName => Namespace.Length == 0 ? RecordName : Namespace + "." + RecordName;

    /// <summary>Whether a layer's input size is the data's feature count, so the module is built for a width.</summary>
    public bool TakesDataWidth => Components.Any(component => component.InputsFromData);
}

/// <summary>A diagnostic as values; the descriptor is looked up by ID when it is reported.</summary>
public readonly record struct DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> MessageArguments);

/// <summary>
/// Where a valid model declares its key: kept apart from the emit model, because only the check for duplicate keys
/// needs a location, and only to report on the right declaration.
/// </summary>
public readonly record struct KeyClaim(string Key, string RecordName, LocationInfo Location);

/// <summary>
/// What parsing one [Model] declaration gives: the model when it has no error, its diagnostics (errors, or warnings
/// beside a valid model), and its key claim.
/// </summary>
public readonly record struct ParseResult(ModelToGenerate? Model, EquatableArray<DiagnosticInfo> Diagnostics, KeyClaim? Claim);

/// <summary>The catalog of all valid models, ordered by key.</summary>
public readonly record struct CatalogToGenerate(string Namespace, EquatableArray<ModelToGenerate> Models);
