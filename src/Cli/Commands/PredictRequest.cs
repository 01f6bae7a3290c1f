using LanguageExt;

namespace Functional.Cli.Commands;

/// <summary>What the command line asked <c>predict</c> for.</summary>
public sealed record PredictRequest(Option<string> ModelPath, Option<float[]> Inputs, bool AllowNonFinite);

/// <summary>What the command line asked <c>inspect</c> for.</summary>
public sealed record InspectRequest(Option<string> Path, bool AllowNonFinite);
