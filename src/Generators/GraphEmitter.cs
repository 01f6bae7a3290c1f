using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Functional.Generators;

/// <summary>Writes a model's forward graph as the C# that builds the Domain's ForwardGraph value (or the reason it has none).</summary>
public static class GraphEmitter
{
    private const string Models = "global::Functional.Domain.Models";
    private const string Prelude = "global::LanguageExt.Prelude";
    private const string Either = "global::LanguageExt.Either<" + Models + ".UntranslatedForward, " + Models + ".ForwardGraph>";

    /// <summary>The module's static <c>Graph</c> property, line by line.</summary>
    public static IEnumerable<string> Property(ForwardToGenerate forward)
    {
        yield return "/// <summary>Forward as the generator compiled it, for the ONNX export and --fused; the module itself runs the declared Forward.</summary>";
        if (!forward.IsTranslated)
        {
            yield return $"public static {Either} Graph {{ get; }} = {Prelude}.Left<{Models}.UntranslatedForward, {Models}.ForwardGraph>(new {Models}.UntranslatedForward({Literal(forward.Construct)}, {Literal(forward.ConstructKind)}));";
            yield break;
        }
        yield return $"public static {Either} Graph {{ get; }} = {Prelude}.Right<{Models}.UntranslatedForward, {Models}.ForwardGraph>(new {Models}.ForwardGraph(";
        yield return $"    {Prelude}.toSeq(new {Models}.GraphNode[]";
        yield return "    {";
        foreach (var node in forward.Graph.Nodes)
        {
            var inputs = string.Join(", ", node.Inputs.Select(Value));
            yield return $"        new {Models}.GraphNode({Models}.GraphOp.{node.Op}, {Prelude}.toSeq(new {Models}.GraphValue[] {{ {inputs} }}), {Literal(node.Layer)}),";
        }
        yield return "    }),";
        yield return $"    {Value(forward.Graph.Output)}));";
    }

    private static string Value(ValueToGenerate value) => value.Kind switch
    {
        ValueKind.Input => $"{Models}.GraphValue.Input.Value",
        ValueKind.Parameter => $"new {Models}.GraphValue.Parameter({Literal(value.Name)})",
        ValueKind.Constant => $"new {Models}.GraphValue.Constant({Number(value.ConstantValue)})",
        _ => $"new {Models}.GraphValue.Node({value.Node.ToString(CultureInfo.InvariantCulture)})",
    };

    private static string Number(double value) =>
        double.IsNaN(value) ? "double.NaN"
        : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
