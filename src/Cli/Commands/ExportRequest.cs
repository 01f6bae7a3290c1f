using LanguageExt;

namespace Functional.Cli.Commands;

/// <summary>What the command line asked <c>export</c> for.</summary>
public sealed record ExportRequest(Option<string> ModelPath, Option<string> OnnxPath);
