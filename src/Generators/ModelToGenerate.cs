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
public readonly record struct ComponentToGenerate(
    string PropertyName,
    string StateName,
    ComponentKind Kind,
    EquatableArray<int> Shape,
    int InFeatures,
    int OutFeatures);

/// <summary>Everything the emitter needs about one valid [Model] record, as equatable values.</summary>
/// <param name="Namespace">The record's namespace; empty for the global namespace.</param>
/// <param name="ClassName">PyTorch's class name, used as the module name and in ToString.</param>
/// <param name="Key">The name the CLI selects the model by.</param>
/// <param name="AffineWeight">For a Forward of the form <c>weight * x + bias</c>: the slope's state_dict name; else empty.</param>
/// <param name="AffineBias">For that form: the intercept's state_dict name; else empty.</param>
public readonly record struct ModelToGenerate(
    string Namespace,
    string RecordName,
    bool IsValueType,
    string ClassName,
    string Key,
    EquatableArray<ComponentToGenerate> Components,
    string AffineWeight,
    string AffineBias,
    LocationInfo Location)
{
    public bool IsAffine => AffineWeight.Length > 0;

    public string ModuleName => RecordName + "Module";

    public string QualifiedModuleName =>
        Namespace.Length == 0 ? "global::" + ModuleName : "global::" + Namespace + "." + ModuleName;
}

/// <summary>A diagnostic as values; the descriptor is looked up by ID when it is reported.</summary>
public readonly record struct DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> MessageArguments);

/// <summary>What parsing one [Model] declaration gives: the model when it is valid, and its diagnostics.</summary>
public readonly record struct ParseResult(ModelToGenerate? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The catalog of all valid models, ordered by key, plus diagnostics that only the whole set reveals.</summary>
public readonly record struct CatalogToGenerate(
    string Namespace,
    EquatableArray<ModelToGenerate> Models,
    EquatableArray<DiagnosticInfo> Diagnostics);
