using System.Globalization;
using Functional.Domain.Training;
using Functional.Formats;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Options;

/// <summary>One flag: its name, how its value reads, its default as shown in --help, and how it sets the options.</summary>
/// <summary>A switch (<paramref name="TakesValue"/> false) is given alone, e.g. <c>--no-plots</c>, and gets an empty value.</summary>
public sealed record OptionSpec(string Name, string ValueName, string Description, Func<CliOptions, string> Default, Func<CliOptions, string, Validation<Error, CliOptions>> Apply, bool TakesValue = true);

/// <summary>Every flag the main job accepts, each defaulting to the notebook's value.</summary>
public static class OptionTable
{
    public static Seq<OptionSpec> All { get; } = Seq(
        Number("--weight", "true weight of the line y = weight * x + bias", o => o.Settings.Weight,
            (o, v) => o with { Settings = o.Settings with { Weight = v } }),
        Number("--bias", "true bias of the line", o => o.Settings.Bias,
            (o, v) => o with { Settings = o.Settings with { Bias = v } }),
        Number("--start", "first x (torch.arange start)", o => o.Settings.Start,
            (o, v) => o with { Settings = o.Settings with { Start = v } }),
        Number("--end", "x stops before this (torch.arange end)", o => o.Settings.End,
            (o, v) => o with { Settings = o.Settings with { End = v } }),
        Number("--step", "distance between consecutive x (torch.arange step)", o => o.Settings.Step,
            (o, v) => o with { Settings = o.Settings with { Step = v } }),
        Number("--train-split", "fraction of samples used for training, the rest test", o => o.Settings.TrainSplit,
            (o, v) => o with { Settings = o.Settings with { TrainSplit = v } }),
        WholeNumber("--epochs", "training epochs", o => o.Settings.Epochs,
            (o, v) => o with { Settings = o.Settings with { Epochs = v } }),
        Number("--lr", "learning rate", o => o.Settings.LearningRate,
            (o, v) => o with { Settings = o.Settings with { LearningRate = v } }),
        WholeNumber("--eval-every", "evaluate on the test split every N epochs", o => o.Settings.EvalEvery,
            (o, v) => o with { Settings = o.Settings with { EvalEvery = v } }),
        new OptionSpec("--batch-size", "N", "train in shuffled mini-batches of N samples", o => o.Settings.BatchSize.Match(n => n.ToString(CultureInfo.InvariantCulture), () => "the whole training split, as the notebook"),
            (o, text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? Success<Error, CliOptions>(o with { Settings = o.Settings with { BatchSize = Some(value) } })
                : Fail<Error, CliOptions>(Error.New($"--batch-size expects a whole number such as 32, got '{text}'"))),
        Seed(),
        Choice("--loss", "loss function", Seq(("l1", LossKind.L1), ("mse", LossKind.Mse)), o => o.Settings.Loss,
            (o, v) => o with { Settings = o.Settings with { Loss = v } }),
        Choice("--optimizer", "optimizer", Seq(("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam)), o => o.Settings.Optimizer,
            (o, v) => o with { Settings = o.Settings with { Optimizer = v } }),
        new OptionSpec("--model", "NAME", "which declared model to train", o => o.Settings.Model,
            (o, v) => Success<Error, CliOptions>(o with { Settings = o.Settings with { Model = v } })),
        new OptionSpec("--out", "PATH", "where the trained state_dict is saved", o => o.OutPath,
            (o, v) => Success<Error, CliOptions>(o with { OutPath = v })),
        new OptionSpec("--format", "pt|safetensors", "model file format", _ => "pt, or safetensors for a .safetensors --out",
            (o, v) => v.ToLowerInvariant() switch
            {
                "pt" => Success<Error, CliOptions>(o with { Format = Some(ModelFileFormat.TorchSave) }),
                "safetensors" => Success<Error, CliOptions>(o with { Format = Some(ModelFileFormat.Safetensors) }),
                _ => Fail<Error, CliOptions>(Error.New($"--format must be one of pt, safetensors, got '{v}'")),
            }),
        new OptionSpec("--plots", "DIR", "folder for data.png, predictions.png and loss.png", o => o.PlotsFolder,
            (o, v) => Success<Error, CliOptions>(o with { PlotsFolder = v })),
        Switch("--fused", "analytic gradients in one pass per epoch (--model parameters, --optimizer sgd, full batch)",
            o => o.Settings.Fused ? "on" : "off: autograd, as the notebook",
            o => o with { Settings = o.Settings with { Fused = true } }),
        Switch("--no-plots", "write no plots", o => o.WritePlots ? "plots are written" : "off", o => o with { WritePlots = false }),
        new OptionSpec("--runs", "DIR", "folder that gets a <timestamp>/ record (metrics.csv, run.json) per run", o => o.RunsFolder,
            (o, v) => Success<Error, CliOptions>(o with { RunsFolder = v })),
        Switch("--no-runs", "write no run record", o => o.WriteRuns ? "a record is written" : "off", o => o with { WriteRuns = false }),
        Choice("--progress", "live progress bar on stderr: auto shows it on a terminal for runs over a second", Seq(("auto", ProgressMode.Auto), ("always", ProgressMode.Always), ("never", ProgressMode.Never)),
            o => o.Progress, (o, v) => o with { Progress = v }));

    static OptionSpec Switch(string name, string description, Func<CliOptions, string> current, Func<CliOptions, CliOptions> set) =>
        new(name, "", description, current, (o, _) => Success<Error, CliOptions>(set(o)), TakesValue: false);

    static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static OptionSpec Number(string name, string description, Func<CliOptions, double> current, Func<CliOptions, double, CliOptions> set) =>
        new(name, "NUMBER", description, o => Show(current(o)), (o, text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? Success<Error, CliOptions>(set(o, value))
                : Fail<Error, CliOptions>(Error.New($"{name} expects a number such as 0.5, got '{text}'")));

    static OptionSpec WholeNumber(string name, string description, Func<CliOptions, int> current, Func<CliOptions, int, CliOptions> set) =>
        new(name, "N", description, o => current(o).ToString(CultureInfo.InvariantCulture), (o, text) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? Success<Error, CliOptions>(set(o, value))
                : Fail<Error, CliOptions>(Error.New($"{name} expects a whole number such as 20, got '{text}'")));

    static OptionSpec Seed() =>
        new("--seed", "N", "torch.manual_seed for the initial parameters", o => o.Settings.Seed.ToString(CultureInfo.InvariantCulture), (o, text) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? Success<Error, CliOptions>(o with { Settings = o.Settings with { Seed = value } })
                : Fail<Error, CliOptions>(Error.New($"--seed expects a whole number such as 42, got '{text}'")));

    static OptionSpec Choice<T>(string name, string description, Seq<(string Text, T Value)> choices, Func<CliOptions, T> current, Func<CliOptions, T, CliOptions> set)
        where T : notnull =>
        new(name, string.Join("|", choices.Map(c => c.Text)), description,
            o => choices.Find(c => c.Value.Equals(current(o))).Map(c => c.Text).IfNone("?"),
            (o, text) => choices.Find(c => c.Text == text.ToLowerInvariant())
                .Map(c => set(o, c.Value))
                .ToValidation(Error.New($"{name} must be one of {string.Join(", ", choices.Map(c => c.Text))}, got '{text}'")));
}
