using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Functional.Generators;

/// <summary>
/// Compiles a model's Forward into a graph: the one reader of Forward's body. It translates + - * /, unary minus,
/// numeric constants, the input, [Parameter] components, calls of [Linear] layers (<c>call</c> or <c>forward</c>), relu,
/// sigmoid and tanh (torch.nn.functional, torch, or the Tensor method; neg/negative too), in an expression body or a
/// block of local declarations ending in <c>return</c>. The first construct outside that set stops the translation;
/// the model itself is unaffected, since the module calls the user's Forward.
/// </summary>
internal sealed class ForwardTranslator
{
    private const string TensorType = "TorchSharp.torch.Tensor";
    private const string TorchType = "TorchSharp.torch";
    private const string FunctionalType = "TorchSharp.torch.nn.functional";

    private static readonly Dictionary<string, OpKind> Activations = new()
    {
        ["relu"] = OpKind.Relu,
        ["sigmoid"] = OpKind.Sigmoid,
        ["tanh"] = OpKind.Tanh,
        ["neg"] = OpKind.Negate,
        ["negative"] = OpKind.Negate,
    };

    private readonly SemanticModel model;
    private readonly IMethodSymbol forward;
    private readonly IReadOnlyList<ComponentToGenerate> components;
    private readonly CancellationToken cancellationToken;
    private readonly List<NodeToGenerate> nodes = new();
    private readonly Dictionary<ISymbol, ValueToGenerate> locals = new(SymbolEqualityComparer.Default);
    private (SyntaxNode Node, string Kind)? failure;

    private ForwardTranslator(SemanticModel model, IMethodSymbol forward, IReadOnlyList<ComponentToGenerate> components, CancellationToken cancellationToken)
    {
        this.model = model;
        this.forward = forward;
        this.components = components;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The graph, or the construct that stopped it with where it is (for the warning only).</summary>
    public static (ForwardToGenerate Forward, LocationInfo? Where) Translate(
        Compilation compilation, IMethodSymbol forward, IReadOnlyList<ComponentToGenerate> components, CancellationToken cancellationToken)
    {
        if (forward.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return (ForwardToGenerate.NotTranslated("Forward", "the declaration"), null);
        }
        var translator = new ForwardTranslator(compilation.GetSemanticModel(declaration.SyntaxTree), forward, components, cancellationToken);
        var output = translator.Body(declaration);
        if (output is { Kind: ValueKind.Constant } && translator.failure is null)
        {
            translator.Fail(declaration.ExpressionBody?.Expression ?? (SyntaxNode)declaration, "the constant result");
        }
        return translator.failure is { } failed
            ? (ForwardToGenerate.NotTranslated(Shown(failed.Node), failed.Kind), LocationInfo.From(failed.Node.GetLocation()))
            : (ForwardToGenerate.Translated(new GraphToGenerate(translator.nodes.ToEquatableArray(), output!.Value)), null);
    }

    private ValueToGenerate? Body(MethodDeclarationSyntax declaration)
    {
        if (declaration.ExpressionBody is { } arrow)
        {
            return Expression(arrow.Expression);
        }
        var statements = declaration.Body?.Statements ?? default;
        for (var i = 0; i < statements.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = i == statements.Count - 1;
            switch (statements[i])
            {
                case ReturnStatementSyntax { Expression: { } returned } when last:
                    return Expression(returned);
                case LocalDeclarationStatementSyntax local when !last && IsPlainLocal(local):
                    foreach (var variable in local.Declaration.Variables)
                    {
                        if (variable.Initializer is null || model.GetDeclaredSymbol(variable, cancellationToken) is not { } symbol)
                        {
                            return Fail(variable, "the local without a value");
                        }
                        if (Expression(variable.Initializer.Value) is not { } value)
                        {
                            return null;
                        }
                        locals[symbol] = value;
                    }
                    break;
                default:
                    return Fail(statements[i], "the statement");
            }
        }
        return Fail(declaration, "the body");
    }

    // using, await using and ref locals change what a name means after the declaration; const locals are constants anyway.
    private static bool IsPlainLocal(LocalDeclarationStatementSyntax local) =>
        local.UsingKeyword.IsKind(SyntaxKind.None) && local.AwaitKeyword.IsKind(SyntaxKind.None) && !local.Declaration.Type.IsKind(SyntaxKind.RefType);

    private ValueToGenerate? Expression(ExpressionSyntax expression)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (NumericConstant(expression) is { } constant)
        {
            return ValueToGenerate.Constant(constant);
        }
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Expression(parenthesized.Expression);
            case CastExpressionSyntax cast when IsTensor(model.GetTypeInfo(cast.Expression, cancellationToken).Type)
                                                && IsTensor(model.GetTypeInfo(cast, cancellationToken).Type):
                return Expression(cast.Expression);
            case BinaryExpressionSyntax binary when BinaryOp(binary) is { } op && IsTensorOperator(binary):
                // Left before right, so that nodes are numbered in evaluation order.
                return Expression(binary.Left) is { } left && Expression(binary.Right) is { } right ? Add(op, "", left, right) : null;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } negation when IsTensorOperator(negation):
                return Expression(negation.Operand) is { } operand ? Add(OpKind.Negate, "", operand) : null;
            case IdentifierNameSyntax identifier:
                return Name(identifier);
            case InvocationExpressionSyntax invocation:
                return Call(invocation);
            default:
                return Fail(expression, "the expression");
        }
    }

    private static OpKind? BinaryOp(BinaryExpressionSyntax binary) => binary.Kind() switch
    {
        SyntaxKind.AddExpression => OpKind.Add,
        SyntaxKind.SubtractExpression => OpKind.Subtract,
        SyntaxKind.MultiplyExpression => OpKind.Multiply,
        SyntaxKind.DivideExpression => OpKind.Divide,
        _ => null,
    };

    private bool IsTensorOperator(ExpressionSyntax operation) =>
        model.GetSymbolInfo(operation, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op
        && op.ContainingType.ToDisplayString() == TensorType;

    private ValueToGenerate? Name(IdentifierNameSyntax identifier)
    {
        var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
        if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, forward))
        {
            if (parameter.Ordinal == 0)
            {
                return ValueToGenerate.Input;
            }
            var component = components[parameter.Ordinal - 1];
            return component.Kind == ComponentKind.Parameter
                ? ValueToGenerate.Parameter(component.StateName)
                : Fail(identifier, "the layer used as a value");
        }
        return symbol is not null && locals.TryGetValue(symbol, out var value) ? value : Fail(identifier, "the name");
    }

    private ValueToGenerate? Call(InvocationExpressionSyntax invocation)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || invocation.Expression is not MemberAccessExpressionSyntax access)
        {
            return Fail(invocation, "the call");
        }
        var arguments = invocation.ArgumentList.Arguments;
        var owner = method.ContainingType.ToDisplayString();
        if (LayerOf(access.Expression) is { } layer && method.Name is "call" or "forward" && arguments.Count == 1)
        {
            return Expression(arguments[0].Expression) is { } input ? Add(OpKind.Linear, layer.StatePrefix, input) : null;
        }
        if (Activations.TryGetValue(method.Name, out var activation))
        {
            if (!method.IsStatic && owner == TensorType && arguments.Count == 0)
            {
                return Expression(access.Expression) is { } receiver ? Add(activation, "", receiver) : null;
            }
            if (method.IsStatic && owner is FunctionalType or TorchType && arguments.Count >= 1 && arguments.Skip(1).All(IsFalse))
            {
                return Expression(arguments[0].Expression) is { } input ? Add(activation, "", input) : null;
            }
        }
        return Fail(invocation, "the call");
    }

    // inplace: false is the default; anything else would change a tensor the graph has already read.
    private bool IsFalse(ArgumentSyntax argument) =>
        model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: false };

    private ComponentToGenerate? LayerOf(ExpressionSyntax receiver) =>
        receiver is IdentifierNameSyntax
        && model.GetSymbolInfo(receiver, cancellationToken).Symbol is IParameterSymbol { Ordinal: > 0 } parameter
        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, forward)
        && components[parameter.Ordinal - 1] is { Kind: ComponentKind.Linear } layer
            ? layer
            : null;

    private double? NumericConstant(ExpressionSyntax expression) =>
        model.GetConstantValue(expression, cancellationToken) is { HasValue: true, Value: { } value }
            ? value switch
            {
                int i => i,
                long l => l,
                short s => s,
                sbyte b => b,
                byte b => b,
                ushort u => u,
                uint u => u,
                ulong u => u,
                float f => f,
                double d => d,
                decimal m => (double)m,
                _ => null,
            }
            : null;

    private static bool IsTensor(ITypeSymbol? type) => type?.ToDisplayString() == TensorType;

    private ValueToGenerate Add(OpKind op, string layer, params ValueToGenerate[] inputs)
    {
        nodes.Add(new NodeToGenerate(op, inputs.ToEquatableArray(), layer));
        return ValueToGenerate.OfNode(nodes.Count - 1);
    }

    private ValueToGenerate? Fail(SyntaxNode node, string kind)
    {
        failure ??= (node, kind);
        return null;
    }

    private static string Shown(SyntaxNode node)
    {
        var text = Regex.Replace(node.ToString(), @"\s+", " ").Trim();
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
