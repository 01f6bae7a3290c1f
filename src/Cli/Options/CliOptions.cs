using Functional.Domain.Settings;

namespace Functional.Cli.Options;

/// <summary>What the command line asked for: the run's settings plus where the shell writes things.</summary>
public sealed record CliOptions(RunSettings Settings, string OutPath, bool ShowHelp)
{
    public const string NotebookModelPath = "models/01_pytorch_model";

    public static CliOptions Defaults { get; } = new(RunSettings.Notebook, NotebookModelPath, false);
}
