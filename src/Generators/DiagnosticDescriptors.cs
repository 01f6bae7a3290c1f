using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Functional.Generators;

/// <summary>Every diagnostic the model generator reports; each message says how to fix the declaration.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "Functional.ModelGenerator";

    public static readonly DiagnosticDescriptor ModelMustBePartial = Error(
        DiagnosticIds.ModelMustBePartial,
        "Model record must be partial",
        "The [Model] record '{0}' must be declared 'partial' so the generator can add ToModule and the forward bridge: write 'public sealed partial record {0}(...)'");

    public static readonly DiagnosticDescriptor ModelMustBeRecord = Error(
        DiagnosticIds.ModelMustBeRecord,
        "[Model] applies only to records",
        "'{0}' is not a record: declare it as 'public sealed partial record {0}(...)' with one attributed component per parameter or layer");

    public static readonly DiagnosticDescriptor UnsupportedComponentType = Error(
        DiagnosticIds.UnsupportedComponentType,
        "Component has the wrong type for its attribute",
        "Component '{0}' is marked [{1}] but has type '{2}': a [{1}] component must be of type '{3}'");

    public static readonly DiagnosticDescriptor InvalidShape = Error(
        DiagnosticIds.InvalidShape,
        "Component shape is empty or not positive",
        "Component '{0}' has shape {1}: give at least one dimension and make every dimension positive, e.g. [Parameter(1)] or [Linear(1, 1)]");

    public static readonly DiagnosticDescriptor MissingForward = Error(
        DiagnosticIds.MissingForward,
        "Model has no Forward method",
        "The [Model] record '{0}' needs the forward computation: add '{1}'");

    public static readonly DiagnosticDescriptor InvalidForward = Error(
        DiagnosticIds.InvalidForward,
        "Forward has the wrong signature",
        "Forward of '{0}' does not match the components ({1}): declare it as '{2}'");

    public static readonly DiagnosticDescriptor DuplicateStateName = Error(
        DiagnosticIds.DuplicateStateName,
        "Duplicate state_dict name",
        "Components '{0}' and '{1}' both map to the state_dict name '{2}': rename one of them or give it a distinct Name = \"...\"");

    public static readonly DiagnosticDescriptor ComponentWithoutAttribute = Error(
        DiagnosticIds.ComponentWithoutAttribute,
        "Record component has no model attribute",
        "Component '{0}' of the [Model] record '{1}' has no [Parameter] or [Linear] attribute: mark it, e.g. [Parameter(1)] ParameterValues {0}, or move it out of the record");

    public static readonly DiagnosticDescriptor InvalidStateName = Error(
        DiagnosticIds.InvalidStateName,
        "Invalid state_dict name",
        "Component '{0}' maps to the state_dict name '{1}', which is not a valid attribute name: use letters, digits and underscores, not starting with a digit, e.g. Name = \"my_weight\"");

    public static readonly DiagnosticDescriptor DuplicateModelKey = Error(
        DiagnosticIds.DuplicateModelKey,
        "Duplicate model key",
        "The model key '{0}' of '{1}' is already used by '{2}', declared first (by file path, then position): give each [Model] a distinct Key = \"...\"");

    public static readonly DiagnosticDescriptor ModelMustBeTopLevel = Error(
        DiagnosticIds.ModelMustBeTopLevel,
        "Model record must be top-level and non-generic",
        "The [Model] record '{0}' is nested or generic: declare it as a non-generic record directly in a namespace");

    public static readonly DiagnosticDescriptor ModelNameMissing = Error(
        DiagnosticIds.ModelNameMissing,
        "Model class name or key is empty",
        "The [Model] on '{0}' has an empty class name or key: write [Model(\"PyTorchClassName\", Key = \"cli-key\")]");

    public static readonly DiagnosticDescriptor InvalidModelKey = Error(
        DiagnosticIds.InvalidModelKey,
        "Invalid model key",
        "The model key '{0}' of '{1}' is not a valid --model name: use lowercase letters, digits and '-', starting with a letter, e.g. Key = \"{2}\"");

    public static readonly DiagnosticDescriptor MisplacedFeatures = Error(
        DiagnosticIds.MisplacedFeatures,
        "Inputs.Features used where it cannot size anything",
        "Component '{0}' uses Inputs.Features in {1}: it can only be a [Linear] layer's input size, its first argument, e.g. [Linear(Inputs.Features, 1)]");

    public static readonly DiagnosticDescriptor ModelLayerNotAlone = Error(
        DiagnosticIds.ModelLayerNotAlone,
        "A layer that is the model must be its only component",
        "Component '{0}' is a [Linear] with IsModel = true, so the model is that layer, but '{1}' has {2} components: remove the others, or drop IsModel and keep the layer as a named sub-layer");

    public static readonly DiagnosticDescriptor ForwardNotTranslated = new(
        DiagnosticIds.ForwardNotTranslated,
        "Forward cannot be exported",
        "Forward of '{0}' uses {1} '{2}', which the ONNX export cannot translate. The model trains, but 'export' refuses it. Exportable: + - * /, unary minus, numeric constants, the input, [Parameter] components, [Linear] layers' call or forward, relu, sigmoid and tanh (torch.nn.functional, torch or the Tensor method), and locals declared with a value.",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator compiles Forward into a graph for the ONNX export; a construct outside the translatable set leaves the model trainable but not exportable.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ForwardNotTranslated));

    private static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(descriptor => descriptor.Id);

    /// <summary>Every descriptor, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => new[]
    {
        ModelMustBePartial, ModelMustBeRecord, UnsupportedComponentType, InvalidShape, MissingForward, InvalidForward,
        DuplicateStateName, ComponentWithoutAttribute, InvalidStateName, DuplicateModelKey, ModelMustBeTopLevel,
        ModelNameMissing, InvalidModelKey, ForwardNotTranslated, MisplacedFeatures, ModelLayerNotAlone,
    };

    public static Diagnostic ToDiagnostic(this DiagnosticInfo info) =>
        Diagnostic.Create(ById[info.Id], info.Location.ToLocation(), info.MessageArguments.Cast<object>().ToArray());

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: title + ": the declaration is not turned into a model until this is fixed.",
            helpLinkUri: DiagnosticIds.HelpLink(id));
}
