using Functional.Domain.Persistence;
using Functional.Domain.Settings;
using LanguageExt;

namespace Functional.Cli.Options;

/// <summary>What the command line asked for: the run's settings plus where the shell writes things.</summary>
public sealed record CliOptions(RunSettings Settings, string OutPath, Option<ModelFileFormat> Format, bool ShowHelp)
{
    public const string NotebookModelPath = "models/01_pytorch_model";

    public static CliOptions Defaults { get; } = new(RunSettings.Notebook, NotebookModelPath, Option<ModelFileFormat>.None, false);
}
