using Functional.Domain.Settings;
using Functional.Formats;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// What <c>train</c> starts from before its flags are applied: the notebook's values, or a recorded run's config
/// (<c>--config run.json</c>), which flags given with it then override one by one.
/// </summary>
public sealed record TrainDefaults(SettingsInput Settings, string OutPath, Option<ModelFileFormat> Format, Option<int> CheckpointEvery, Option<string> Resume)
{
    public static TrainDefaults Notebook { get; } = new(SettingsInput.Notebook, TrainRequest.NotebookModelPath, None, None, None);
}
