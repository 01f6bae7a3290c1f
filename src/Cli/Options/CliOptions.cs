using Functional.Domain.Settings;
using Functional.Formats;
using LanguageExt;

namespace Functional.Cli.Options;

/// <summary>When the live progress bar shows: on a terminal for long runs, always (even redirected), or never.</summary>
public enum ProgressMode { Auto, Always, Never }

/// <summary>What the command line asked for: the run's settings plus where the shell writes things.</summary>
public sealed record CliOptions(SettingsInput Settings, string OutPath, Option<ModelFileFormat> Format, bool ShowHelp)
{
    public const string NotebookModelPath = "models/01_pytorch_model";

    public static CliOptions Defaults { get; } = new(SettingsInput.Notebook, NotebookModelPath, Option<ModelFileFormat>.None, false);

    public string PlotsFolder { get; init; } = "plots";
    public bool WritePlots { get; init; } = true;
    public string RunsFolder { get; init; } = "runs";
    public bool WriteRuns { get; init; } = true;
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;
}
