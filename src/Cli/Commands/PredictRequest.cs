using LanguageExt;

namespace Functional.Cli.Commands;

/// <summary>What the command line asked <c>predict</c> for.</summary>
/// <param name="InputPath">A CSV table to predict from (<c>--input</c>), written with a prediction column to <paramref name="OutputPath"/>.</param>
/// <param name="Features">The columns of the table the model reads (<c>--features</c>).</param>
public sealed record PredictRequest(Option<string> ModelPath, Option<float[]> Inputs, bool AllowNonFinite,
    Option<string> InputPath = default, Option<string> OutputPath = default, Option<Seq<string>> Features = default);

/// <summary>What the command line asked <c>inspect</c> for.</summary>
public sealed record InspectRequest(Option<string> Path, bool AllowNonFinite);
