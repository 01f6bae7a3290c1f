using Functional.Cli.Progress;
using Functional.Domain.Settings;
using Functional.Formats;
using LanguageExt;

namespace Functional.Cli.Commands;

/// <summary>
/// What the command line asked the main job for: the run's settings as typed (over a replayed run's, with --config),
/// and where the shell writes things. <see cref="PlotsCopy"/> is --plots DIR: a second copy of the plots, outside the
/// run's folder.
/// </summary>
public sealed record TrainRequest(
    SettingsInput Settings,
    string OutPath,
    Option<ModelFileFormat> Format,
    Option<string> PlotsCopy,
    bool WritePlots,
    string RunsFolder,
    bool WriteRuns,
    ProgressMode Progress,
    Option<int> CheckpointEvery,
    Option<string> Resume)
{
    public const string NotebookModelPath = "models/01_pytorch_model";
}
