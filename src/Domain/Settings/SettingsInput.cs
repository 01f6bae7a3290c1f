using Functional.Domain.Training;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>
/// What the user asked for, unchecked: one field per command-line flag, each defaulting to the notebook's value.
/// Only <see cref="RunSettings.Create"/> turns it into settings anything can run.
/// </summary>
public sealed record SettingsInput(
    double Weight,
    double Bias,
    double Start,
    double End,
    double Step,
    double TrainSplit,
    int Epochs,
    double LearningRate,
    int EvalEvery,
    Option<int> BatchSize,
    long Seed,
    LossKind Loss,
    OptimizerKind Optimizer,
    string Model,
    bool Fused,
    ControlInput Control)
{
    /// <summary><c>--data</c>: a CSV file to train on instead of the line (none: the notebook's line).</summary>
    public Option<string> DataFile { get; init; }

    /// <summary><c>--target</c>: the column of <see cref="DataFile"/> to predict (none: its last column).</summary>
    public Option<string> Target { get; init; }

    /// <summary><c>--features</c>: the columns of <see cref="DataFile"/> the model reads (none: every column but the target).</summary>
    public Option<Seq<string>> FeatureColumns { get; init; }

    /// <summary>The notebook: y = 0.3 x + 0.9 on arange(0, 1, 0.01), 80/20 split, 300 epochs of L1 and SGD at lr 0.01, a test loss every 20, seed 42.</summary>
    public static SettingsInput Notebook { get; } =
        new(0.3, 0.9, 0.0, 1.0, 0.01, 0.8, 300, 0.01, 20, None, 42, LossKind.L1, OptimizerKind.Sgd, "parameters", false, ControlInput.Notebook);
}
