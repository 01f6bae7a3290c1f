using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Functional.Generators;

/// <summary>Turns one [Model] declaration into equatable values: the model to emit, or the reasons it cannot be.</summary>
public static class Parser
{
    private const string ParameterValuesType = "global::Functional.Domain.Tensors.ParameterValues";
    private const string LinearValuesType = "global::Functional.Domain.Tensors.LinearValues";
    private const string TensorType = "global::TorchSharp.torch.Tensor";
    private const string LinearLayerType = "global::TorchSharp.Modules.Linear";
    private const string ForwardName = "Forward";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var location = LocationInfo.From(declaration.Identifier.GetLocation());
        var name = symbol.Name;

        if (!symbol.IsRecord)
        {
            return Failed(Problem(DiagnosticDescriptors.ModelMustBeRecord, location, name));
        }
        if (symbol.ContainingType is not null || symbol.IsGenericType)
        {
            return Failed(Problem(DiagnosticDescriptors.ModelMustBeTopLevel, location, name));
        }

        var problems = new List<DiagnosticInfo>();
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problems.Add(Problem(DiagnosticDescriptors.ModelMustBePartial, location, name));
        }

        var attribute = context.Attributes[0];
        // A compiler error in the attribute's arguments is already reported; reading it as a value would add a second,
        // misleading diagnostic, so the declaration is left alone until it compiles.
        if (HasCompilerError(attribute))
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty, null);
        }
        var className = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var key = NamedString(attribute, "Key") ?? ModelKeys.FromClassName(className);
        if (className.Length == 0 || key.Length == 0)
        {
            problems.Add(Problem(DiagnosticDescriptors.ModelNameMissing, location, name));
        }
        else if (!ModelKeys.IsValid(key))
        {
            problems.Add(Problem(DiagnosticDescriptors.InvalidModelKey, location, key, name, ModelKeys.Suggest(key)));
        }

        var components = new List<ComponentToGenerate>();
        var compilerErrors = false;
        foreach (var parameterSyntax in declaration.ParameterList?.Parameters ?? default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.SemanticModel.GetDeclaredSymbol(parameterSyntax, cancellationToken) is IParameterSymbol parameter)
            {
                switch (ParseComponent(parameter, LocationInfo.From(parameterSyntax.GetLocation()), name, problems, context.SemanticModel, cancellationToken))
                {
                    case { Component: { } valid }:
                        components.Add(valid);
                        break;
                    case { HasCompilerError: true }:
                        compilerErrors = true;
                        break;
                }
            }
        }
        // A component that failed already explains the mismatch; checking Forward against the rest would only add noise.
        var complete = !compilerErrors && components.Count == (declaration.ParameterList?.Parameters.Count ?? 0);
        if (complete)
        {
            problems.AddRange(ModelLayersNotAlone(declaration, components, name));
            problems.AddRange(DuplicateStateNames(components, location));
            problems.AddRange(CheckForward(symbol, components, location));
        }
        if (!complete || problems.Count > 0)
        {
            return new ParseResult(null, problems.ToEquatableArray(), null);
        }

        var forwardMethod = symbol.GetMembers(ForwardName).OfType<IMethodSymbol>().First(method => MatchesForward(method, components));
        var (forward, untranslated) = ForwardTranslator.Translate(context.SemanticModel.Compilation, forwardMethod, components, cancellationToken);
        var model = new ModelToGenerate(
            symbol.ContainingNamespace.IsGlobalNamespace ? string.Empty : symbol.ContainingNamespace.ToDisplayString(),
            name,
            symbol.IsValueType,
            className,
            key,
            components.ToEquatableArray(),
            forward);
        var warnings = forward.IsTranslated
            ? EquatableArray<DiagnosticInfo>.Empty
            : new[] { Problem(DiagnosticDescriptors.ForwardNotTranslated, untranslated ?? location, name, forward.ConstructKind, forward.Construct) }.ToEquatableArray();
        return new ParseResult(model, warnings, new KeyClaim(key, model.QualifiedRecordName, location));
    }

    private readonly record struct ComponentResult(ComponentToGenerate? Component, bool HasCompilerError);

    private static ComponentResult ParseComponent(
        IParameterSymbol parameter, LocationInfo location, string recordName, List<DiagnosticInfo> problems, SemanticModel semanticModel,
        CancellationToken cancellationToken)
    {
        var attribute = parameter.GetAttributes().FirstOrDefault(a =>
            a.AttributeClass?.ToDisplayString() is AttributeSource.ParameterAttribute or AttributeSource.LinearAttribute);
        if (attribute is null)
        {
            problems.Add(Problem(DiagnosticDescriptors.ComponentWithoutAttribute, location, parameter.Name, recordName));
            return default;
        }
        if (HasCompilerError(attribute))
        {
            return new ComponentResult(null, HasCompilerError: true);
        }

        var isLinear = attribute.AttributeClass!.ToDisplayString() == AttributeSource.LinearAttribute;
        var kind = isLinear ? ComponentKind.Linear : ComponentKind.Parameter;
        var expectedType = isLinear ? LinearValuesType : ParameterValuesType;
        var actualType = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var stateName = NamedString(attribute, "Name") ?? NameCasing.ToSnakeCase(parameter.Name);
        var shape = isLinear ? LinearShape(attribute) : ParameterShape(attribute);
        var features = FeaturesArguments(attribute, semanticModel, cancellationToken);
        // Inputs.Features is only a layer's input size; the value it stands for is not a size, so it is left out of the shape check.
        var inputsFromData = isLinear && features.Contains(0);
        var misplaced = features.Where(position => !(isLinear && position == 0)).ToList();

        var problemCount = problems.Count;
        if (misplaced.Count > 0)
        {
            problems.Add(Problem(DiagnosticDescriptors.MisplacedFeatures, location,
                parameter.Name, isLinear ? "its output size (the second argument)" : "the shape of a [Parameter]"));
        }
        if (actualType != expectedType)
        {
            problems.Add(Problem(DiagnosticDescriptors.UnsupportedComponentType, location,
                parameter.Name, kind.ToString(), parameter.Type.ToDisplayString(), expectedType.Substring("global::".Length)));
        }
        if (shape.Length == 0 || shape.Where((_, position) => !features.Contains(position)).Any(dimension => dimension <= 0))
        {
            problems.Add(Problem(DiagnosticDescriptors.InvalidShape, location, parameter.Name, "[" + string.Join(", ", shape) + "]"));
        }
        if (!IsValidStateName(stateName))
        {
            problems.Add(Problem(DiagnosticDescriptors.InvalidStateName, location, parameter.Name, stateName));
        }
        if (problems.Count > problemCount)
        {
            return default;
        }

        return new ComponentResult(isLinear
            ? new ComponentToGenerate(parameter.Name, stateName, kind, EquatableArray<int>.Empty, inputsFromData ? 0 : shape[0], shape[1],
                inputsFromData, NamedBool(attribute, "IsModel"))
            : new ComponentToGenerate(parameter.Name, stateName, kind, shape.ToEquatableArray(), 0, 0), HasCompilerError: false);
    }

    /// <summary>
    /// The positions of the constructor arguments written as <c>Inputs.Features</c>. The symbol is what counts, not its
    /// value: <c>[Linear(-1, 1)]</c> stays an invalid shape (FMG004).
    /// </summary>
    private static List<int> FeaturesArguments(AttributeData attribute, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var positions = new List<int>();
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
        {
            return positions;
        }
        var constructorParameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        var position = 0;
        foreach (var argument in arguments.Arguments.Where(argument => argument.NameEquals is null))
        {
            var at = argument.NameColon is { } named
                ? constructorParameters.Select(p => p.Name).ToList().IndexOf(named.Name.Identifier.ValueText)
                : position++;
            if (at >= 0 && IsFeatures(semanticModel.GetSymbolInfo(argument.Expression, cancellationToken).Symbol))
            {
                positions.Add(at);
            }
        }
        return positions;
    }

    private static bool IsFeatures(ISymbol? symbol) =>
        symbol is IFieldSymbol { Name: AttributeSource.FeaturesField } field
        && field.ContainingType?.ToDisplayString() == AttributeSource.InputsClass;

    /// <summary>A layer that is the model leaves no room for anything else: its keys have no prefix to tell them apart.</summary>
    private static IEnumerable<DiagnosticInfo> ModelLayersNotAlone(TypeDeclarationSyntax declaration, List<ComponentToGenerate> components, string recordName) =>
        components.Count < 2
            ? []
            : components
                .Select((component, index) => (component, index))
                .Where(pair => pair.component.IsModel)
                .Select(pair => Problem(DiagnosticDescriptors.ModelLayerNotAlone,
                    LocationInfo.From(declaration.ParameterList!.Parameters[pair.index].GetLocation()),
                    pair.component.PropertyName, recordName, components.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // When an argument does not bind, Roslyn may not resolve the constructor at all and then gives no arguments.
    private static bool HasCompilerError(AttributeData attribute) =>
        attribute.AttributeConstructor is null
        || attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(argument => argument.Value)).Any(HasCompilerError);

    private static bool HasCompilerError(TypedConstant argument) =>
        argument.Kind == TypedConstantKind.Error
        || (argument.Kind == TypedConstantKind.Array && !argument.IsNull && argument.Values.Any(HasCompilerError));

    private static int[] ParameterShape(AttributeData attribute) =>
        attribute.ConstructorArguments.FirstOrDefault() is { Kind: TypedConstantKind.Array } shape
            ? shape.Values.Select(dimension => dimension.Value is int value ? value : 0).ToArray()
            : [];

    private static int[] LinearShape(AttributeData attribute) =>
        attribute.ConstructorArguments.Select(argument => argument.Value is int value ? value : 0).ToArray();

    // The name becomes a C# field (TorchSharp registers fields by name) and a state_dict key segment.
    private static bool IsValidStateName(string stateName) =>
        SyntaxFacts.IsValidIdentifier(stateName)
        && SyntaxFacts.GetKeywordKind(stateName) == SyntaxKind.None
        && SyntaxFacts.GetContextualKeywordKind(stateName) == SyntaxKind.None;

    private static IEnumerable<DiagnosticInfo> DuplicateStateNames(List<ComponentToGenerate> components, LocationInfo location) =>
        components
            .Select((component, index) => (component, first: components.Take(index).FirstOrDefault(earlier => earlier.StateName == component.StateName)))
            .Where(pair => pair.first.PropertyName is not null)
            .Select(pair => Problem(DiagnosticDescriptors.DuplicateStateName, location,
                pair.first.PropertyName, pair.component.PropertyName, pair.component.StateName));

    private static IEnumerable<DiagnosticInfo> CheckForward(INamedTypeSymbol record, List<ComponentToGenerate> components, LocationInfo location)
    {
        var expected = ExpectedForward(components);
        var candidates = record.GetMembers(ForwardName).OfType<IMethodSymbol>().ToList();
        if (candidates.Count == 0)
        {
            return [Problem(DiagnosticDescriptors.MissingForward, location, record.Name, expected)];
        }
        if (candidates.Any(method => MatchesForward(method, components)))
        {
            return [];
        }
        var forwardLocation = candidates[0].Locations.FirstOrDefault() is { } found ? LocationInfo.From(found) : location;
        var componentList = components.Count == 0
            ? "no components"
            : string.Join(", ", components.Select(component => "[" + component.Kind + "] " + component.PropertyName));
        return [Problem(DiagnosticDescriptors.InvalidForward, forwardLocation, record.Name, componentList, expected)];
    }

    private static bool MatchesForward(IMethodSymbol method, List<ComponentToGenerate> components) =>
        method.IsStatic
        && !method.IsGenericMethod
        && TypeName(method.ReturnType) == TensorType
        && method.Parameters.Length == components.Count + 1
        && method.Parameters.All(parameter => parameter.RefKind == RefKind.None)
        && TypeName(method.Parameters[0].Type) == TensorType
        && components.Select((component, index) => TypeName(method.Parameters[index + 1].Type) == ForwardType(component)).All(matches => matches);

    private static string ExpectedForward(List<ComponentToGenerate> components) =>
        "static Tensor Forward(Tensor x"
        + string.Concat(components.Select(component =>
            ", " + (component.Kind == ComponentKind.Linear ? "Linear " : "Tensor ") + ParameterName(component.PropertyName)))
        + ")";

    private static string ForwardType(ComponentToGenerate component) =>
        component.Kind == ComponentKind.Linear ? LinearLayerType : TensorType;

    private static string ParameterName(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    private static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value as string;

    private static bool NamedBool(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == name).Value.Value is true;

    private static ParseResult Failed(DiagnosticInfo problem) => new(null, new[] { problem }.ToEquatableArray(), null);

    private static DiagnosticInfo Problem(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());
}
