using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Functional.Generators;

/// <summary>
/// Recognises a Forward that is, syntactically, <c>p * x + q</c> (or <c>x * p + q</c>) over exactly two [Parameter]
/// components of shape [1]: the notebook's line, which training can step with analytic gradients instead of autograd.
/// Anything else (parentheses, other operators, more components) is simply not affine here.
/// </summary>
public static class AffineForward
{
    /// <summary>The state_dict names of the slope and the intercept, or null when Forward is not this affine form.</summary>
    public static (string Weight, string Bias)? Find(IMethodSymbol forward, IReadOnlyList<ComponentToGenerate> components, CancellationToken cancellationToken)
    {
        if (components.Count != 2 || !components.All(IsScalarParameter))
        {
            return null;
        }
        var body = Body(forward, cancellationToken);
        if (body is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum
            || sum.Left is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.MultiplyExpression } product
            || sum.Right is not IdentifierNameSyntax intercept)
        {
            return null;
        }
        var input = forward.Parameters[0].Name;
        var slope = Name(product.Left) == input ? Name(product.Right) : Name(product.Right) == input ? Name(product.Left) : null;
        var weight = ComponentOf(forward, components, slope);
        var bias = ComponentOf(forward, components, intercept.Identifier.ValueText);
        return weight is { } w && bias is { } b && w.StateName != b.StateName ? (w.StateName, b.StateName) : null;
    }

    private static bool IsScalarParameter(ComponentToGenerate component) =>
        component.Kind == ComponentKind.Parameter && component.Shape.Count == 1 && component.Shape[0] == 1;

    private static ExpressionSyntax? Body(IMethodSymbol forward, CancellationToken cancellationToken) =>
        forward.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax { ExpressionBody: { } arrow } => arrow.Expression,
            MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            _ => null,
        };

    private static string? Name(ExpressionSyntax expression) => (expression as IdentifierNameSyntax)?.Identifier.ValueText;

    // Forward's parameters after the input are the components, in declaration order.
    private static ComponentToGenerate? ComponentOf(IMethodSymbol forward, IReadOnlyList<ComponentToGenerate> components, string? parameterName)
    {
        var index = forward.Parameters.Skip(1).Select(parameter => parameter.Name).ToList().IndexOf(parameterName ?? string.Empty);
        return index < 0 ? null : components[index];
    }
}
