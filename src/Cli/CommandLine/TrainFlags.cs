using ArgumentArity = System.CommandLine.ArgumentArity;
using ParseResult = System.CommandLine.ParseResult;
using Functional.Cli.Commands;
using Functional.Cli.Progress;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.CommandLine;

/// <summary>Every flag of the main job, each defaulting to the notebook's value (<see cref="SettingsInput.Notebook"/>).</summary>
public sealed class TrainFlags
{
    static readonly SettingsInput Notebook = SettingsInput.Notebook;

    public Flag<double> Weight { get; } = Flags.Number("--weight", "true weight of the line y = weight * x + bias", Notebook.Weight);
    public Flag<double> Bias { get; } = Flags.Number("--bias", "true bias of the line", Notebook.Bias);
    public Flag<double> Start { get; } = Flags.Number("--start", "first x (torch.arange start)", Notebook.Start);
    public Flag<double> End { get; } = Flags.Number("--end", "x stops before this (torch.arange end)", Notebook.End);
    public Flag<double> Step { get; } = Flags.Number("--step", "distance between consecutive x (torch.arange step)", Notebook.Step);
    public Flag<string> Data { get; } = Flags.OptionalText("--data", "FILE.csv",
        "train on a CSV file instead of the line: a header row naming the columns, then one row of numbers per sample", "the notebook's line", "data.csv");
    public Flag<string> Target { get; } = Flags.OptionalText("--target", "NAME", "the column of --data to predict", "its last column", "price");
    public Flag<string[]?> Features { get; } = Flags.Names("--features", "A,B,...", "the columns of --data the model reads, separated by commas",
        "every column but the target", "sqft,rooms");
    public Flag<double> TrainSplit { get; } = Flags.Number("--train-split", "fraction of samples used for training, the rest test", Notebook.TrainSplit);
    public Flag<int> Epochs { get; } = Flags.WholeNumber("--epochs", "training epochs", Notebook.Epochs, 20);
    public Flag<double> LearningRate { get; } = Flags.Number("--lr", "learning rate", Notebook.LearningRate);
    public Flag<int> EvalEvery { get; } = Flags.WholeNumber("--eval-every", "evaluate on the test split every N epochs", Notebook.EvalEvery, 20);
    public Flag<int?> BatchSize { get; } = Flags.OptionalWholeNumber("--batch-size",
        "mini-batches of N samples, as PyTorch's DataLoader(shuffle=True) with a generator seeded by --seed serves them",
        "the whole training split, as the notebook", 32);
    public Flag<long> Seed { get; } = Flags.LongNumber("--seed", "torch.manual_seed for the initial parameters", Notebook.Seed);
    public Flag<LossKind> Loss { get; } = Flags.Choice("--loss", "loss function", Notebook.Loss, ("l1", LossKind.L1), ("mse", LossKind.Mse));
    public Flag<OptimizerKind> Optimizer { get; } = Flags.Choice("--optimizer", "optimizer", Notebook.Optimizer, ("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam));
    public Flag<string> Model { get; } = Flags.Text("--model", "NAME", "which declared model to train (see Models below)", Notebook.Model);
    public Flag<string> Out { get; } = Flags.Text("--out", "PATH", "where the trained state_dict is saved", TrainRequest.NotebookModelPath);
    public Flag<ModelFileFormat?> Format { get; } = Flags.OptionalChoice("--format", "model file format",
        "pt, or safetensors for a .safetensors --out", ("pt", ModelFileFormat.TorchSave), ("safetensors", ModelFileFormat.Safetensors));
    public Flag<string> Plots { get; } = Flags.OptionalText("--plots", "DIR",
        "also write data.png, predictions.png and loss.png to DIR, where a later run may replace them", "only in the run's folder", "plots");
    public Switch Fused { get; } = Flags.Switch("--fused",
        "analytic gradients in one pass over the step's samples (a model whose forward is weight * x + bias, --optimizer sgd; full batch, or each batch of --batch-size)",
        "off: autograd, as the notebook");
    public Switch NoPlots { get; } = Flags.Switch("--no-plots", "write no plots", "plots are written");
    public Flag<string> Runs { get; } = Flags.Text("--runs", "DIR",
        "folder that gets a <timestamp>/ folder per run: run.json, metrics.csv, a copy of the model file and the plots", "runs");
    public Switch NoRuns { get; } = Flags.Switch("--no-runs", "write no run folder (plots then only with --plots DIR)", "a run folder is written");
    public Flag<string> Config { get; } = Flags.OptionalText("--config", "PATH",
        "replay the run recorded in PATH (a run.json); flags given with it override its values", "none: the notebook's values",
        "runs/<timestamp>/run.json");
    public Flag<SchedulerKind> LrScheduler { get; } = Flags.NamedChoice("--lr-scheduler", "KIND",
        "torch.optim.lr_scheduler: StepLR, ExponentialLR, CosineAnnealingLR (stepped after each epoch) or ReduceLROnPlateau (stepped at each evaluation with the test loss)",
        SchedulerKind.None, ("none", SchedulerKind.None), ("step", SchedulerKind.Step), ("exponential", SchedulerKind.Exponential),
        ("cosine", SchedulerKind.Cosine), ("plateau", SchedulerKind.Plateau));
    public Flag<int?> LrStepSize { get; } = Flags.OptionalWholeNumber("--lr-step-size", "StepLR's step_size: multiply the rate by --lr-gamma every N epochs",
        "needed by --lr-scheduler step", 30);
    public Flag<double?> LrGamma { get; } = Flags.OptionalNumber("--lr-gamma", "StepLR's and ExponentialLR's gamma",
        "0.1 with step, StepLR's default; needed with exponential", 0.9);
    public Flag<int?> LrTMax { get; } = Flags.OptionalWholeNumber("--lr-t-max", "CosineAnnealingLR's T_max, in epochs", "--epochs", 100);
    public Flag<double?> LrFactor { get; } = Flags.OptionalNumber("--lr-factor", "ReduceLROnPlateau's factor", "0.1, ReduceLROnPlateau's default", 0.5);
    public Flag<int?> LrPatience { get; } = Flags.OptionalWholeNumber("--lr-patience",
        "ReduceLROnPlateau's patience, in evaluations", "10, ReduceLROnPlateau's default", 3);
    public Flag<int?> EarlyStopPatience { get; } = Flags.OptionalWholeNumber("--early-stop-patience",
        "stop after N evaluations in a row whose test loss is not below the best minus --early-stop-min-delta (Lightning's EarlyStopping)",
        "off: every epoch is trained", 3);
    public Flag<double?> EarlyStopMinDelta { get; } = Flags.OptionalNumber("--early-stop-min-delta",
        "how far below the best test loss an evaluation must be to count as better", "0", 0.001);
    public Switch RestoreBest { get; } = Flags.Switch("--restore-best",
        "save the weights of the evaluation with the best test loss, whether or not training stopped early", "off: the last weights");
    public Flag<int?> CheckpointEvery { get; } = Flags.OptionalWholeNumber("--checkpoint-every",
        "write a checkpoint (PyTorch's general-checkpoint dictionary, torch.save format) every N epochs into the run's folder, the latest also as last.pt",
        "none; Ctrl+C still writes one", 10);
    public Flag<string> Resume { get; } = Flags.OptionalText("--resume", "FILE",
        "go on from a checkpoint (ours, or one PyTorch's recipe wrote): its epoch, model, optimizer, scheduler and generator state",
        "none: train from the start", "runs/<timestamp>/last.pt");
    public Flag<ProgressMode> Progress { get; } = Flags.Choice("--progress",
        "live progress bar on stderr: auto shows it on a terminal for runs over a second", ProgressMode.Auto,
        ("auto", ProgressMode.Auto), ("always", ProgressMode.Always), ("never", ProgressMode.Never));

    public IReadOnlyList<IFlag> All =>
    [
        Weight, Bias, Start, End, Step, Data, Target, Features, TrainSplit, Epochs, LearningRate, EvalEvery, BatchSize, Seed, Loss, Optimizer, Model,
        LrScheduler, LrStepSize, LrGamma, LrTMax, LrFactor, LrPatience, EarlyStopPatience, EarlyStopMinDelta, RestoreBest,
        CheckpointEvery, Resume, Out, Format, Plots, Fused, NoPlots, Runs, NoRuns, Config, Progress,
    ];

    /// <summary>The flags that describe the line, which <c>--data</c> replaces: given with it, one of them would be silently ignored.</summary>
    public Seq<Error> Conflicts(ParseResult parse) =>
        string.IsNullOrEmpty(Data.ValueIn(parse))
            ? Seq<Error>()
            : toSeq(new IFlag[] { Weight, Bias, Start, End, Step }
                .Where(flag => parse.GetResult(flag.Option) is { Implicit: false })
                .Select(flag => Error.New($"{flag.Option.Name} describes the line, which --data replaces; leave it out when training on a file")))
                .Strict();

    /// <summary>
    /// The scheduler and early-stopping flags over <paramref name="recorded"/>; naming another scheduler than the recorded
    /// one drops the recorded one's arguments, which belong to it.
    /// </summary>
    ControlInput ReadControl(ParseResult parse, ControlInput recorded)
    {
        var scheduler = LrScheduler.ValueIn(parse, recorded.Scheduler);
        var own = scheduler == recorded.Scheduler ? recorded : ControlInput.Notebook;
        return new ControlInput(
            scheduler,
            Optional(LrStepSize.ValueIn(parse, own.StepSize.IsSome ? own.StepSize.IfNone(0) : null)),
            Optional(LrGamma.ValueIn(parse, own.Gamma.IsSome ? own.Gamma.IfNone(0) : null)),
            Optional(LrTMax.ValueIn(parse, own.TMax.IsSome ? own.TMax.IfNone(0) : null)),
            Optional(LrFactor.ValueIn(parse, own.Factor.IsSome ? own.Factor.IfNone(0) : null)),
            Optional(LrPatience.ValueIn(parse, own.SchedulerPatience.IsSome ? own.SchedulerPatience.IfNone(0) : null)),
            Optional(EarlyStopPatience.ValueIn(parse, recorded.EarlyStopPatience.IsSome ? recorded.EarlyStopPatience.IfNone(0) : null)),
            Optional(EarlyStopMinDelta.ValueIn(parse, recorded.EarlyStopMinDelta.IsSome ? recorded.EarlyStopMinDelta.IfNone(0) : null)),
            RestoreBest.ValueIn(parse, recorded.RestoreBest));
    }

    /// <summary>The run.json named by --config, if any.</summary>
    public Option<string> ConfigPath(ParseResult parse) => Optional(Config.ValueIn(parse)).Filter(path => path.Length > 0);

    /// <summary>The request as typed over the notebook's values; a flag whose value did not parse keeps its default, so the settings check still runs.</summary>
    public TrainRequest Read(ParseResult parse) => Read(parse, TrainDefaults.Notebook);

    /// <summary>The request as typed over <paramref name="defaults"/> (a replayed run's config): each flag given replaces one value.</summary>
    public TrainRequest Read(ParseResult parse, TrainDefaults defaults)
    {
        var d = defaults.Settings;
        var batchSize = BatchSize.ValueIn(parse, d.BatchSize.IsSome ? d.BatchSize.IfNone(0) : null);
        var format = Format.ValueIn(parse, defaults.Format.IsSome ? defaults.Format.IfNone(ModelFileFormat.TorchSave) : null);
        return new(
            new SettingsInput(
                Weight.ValueIn(parse, d.Weight), Bias.ValueIn(parse, d.Bias), Start.ValueIn(parse, d.Start), End.ValueIn(parse, d.End),
                Step.ValueIn(parse, d.Step), TrainSplit.ValueIn(parse, d.TrainSplit), Epochs.ValueIn(parse, d.Epochs),
                LearningRate.ValueIn(parse, d.LearningRate), EvalEvery.ValueIn(parse, d.EvalEvery), Optional(batchSize),
                Seed.ValueIn(parse, d.Seed), Loss.ValueIn(parse, d.Loss), Optimizer.ValueIn(parse, d.Optimizer), Model.ValueIn(parse, d.Model),
                Fused.ValueIn(parse, d.Fused), ReadControl(parse, d.Control))
            {
                DataFile = Optional(Data.ValueIn(parse)).Filter(path => path.Length > 0) || d.DataFile,
                Target = Optional(Target.ValueIn(parse)).Filter(name => name.Length > 0) || d.Target,
                FeatureColumns = Optional(Features.ValueIn(parse)).Map(names => toSeq(names).Strict()) || d.FeatureColumns,
            },
            Out.ValueIn(parse, defaults.OutPath),
            Optional(format),
            Optional(Plots.ValueIn(parse)).Filter(folder => folder.Length > 0),
            !NoPlots.ValueIn(parse),
            Runs.ValueIn(parse),
            !NoRuns.ValueIn(parse),
            Progress.ValueIn(parse),
            Optional(CheckpointEvery.ValueIn(parse, defaults.CheckpointEvery.IsSome ? defaults.CheckpointEvery.IfNone(0) : null)),
            Optional(Resume.ValueIn(parse, defaults.Resume.IfNone(""))).Filter(path => path.Length > 0));
    }
}
