using System.Globalization;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Training;
using LanguageExt;
using LanguageExt.Common;
using static Functional.Domain.Settings.SettingChecks;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>
/// Everything a run of the notebook's workflow depends on, checked. The constructor is private: the only way to get
/// one is <see cref="Create"/>, so whatever receives a <see cref="RunSettings"/> never checks it again.
/// </summary>
public sealed record RunSettings
{
    /// <summary>The notebook's line, which is the data unless <see cref="Table"/> names a file.</summary>
    public DatasetSpec Data { get; }

    /// <summary>The CSV file to train on (<c>--data</c>), with its columns chosen; none for the line.</summary>
    public Option<TableSource> Table { get; }

    public double TrainSplit { get; }
    public TrainingConfig Training { get; }

    /// <summary>The model, at the data's feature count.</summary>
    public ModelSpec Model { get; }

    RunSettings(DatasetSpec data, Option<TableSource> table, double trainSplit, TrainingConfig training, ModelSpec model) =>
        (Data, Table, TrainSplit, Training, Model) = (data, table, trainSplit, training, model);

    public string ModelKey => Model.Key;

    /// <summary>How many input features the data has: the chosen columns of the table, or the line's one.</summary>
    public int Features => Table.Match(Some: table => table.Columns.Features, None: () => 1);

    /// <summary>The settings of a run on the notebook's line (no <c>--data</c>).</summary>
    public static Validation<Error, RunSettings> Create(SettingsInput input, Seq<ModelSpec> models, MemoryBudget memory) => Create(input, models, None, memory);

    /// <summary>
    /// Checks every setting at once, so one run reports every problem (as a smart constructor: independent checks are
    /// applied together, and a check that needs another's result is bound to it).
    /// </summary>
    /// <param name="input">The flags as typed.</param>
    /// <param name="models">The declared models.</param>
    /// <param name="header">With <c>--data</c>, the file's header as the shell read it, or why it could not.</param>
    /// <param name="memory">The memory the shell found available; the line must fit in it (see <see cref="MemoryBudget"/>; a table is weighed when the shell surveys it).</param>
    public static Validation<Error, RunSettings> Create(SettingsInput input, Seq<ModelSpec> models, Option<Fin<Seq<string>>> header, MemoryBudget memory) =>
        (DataAndSplit(input, header),
         Positive("--epochs", input.Epochs),
         PositiveFloat32("--lr", input.LearningRate),
         Positive("--eval-every", input.EvalEvery),
         BatchSize(input),
         FusedOptimizer(input),
         ModelFor(input, models),
         ControlChecks.Check(input.Control, input.Epochs))
        .Apply((data, epochs, learningRate, evalEvery, batchSize, _, model, control) => new Chosen(data, model,
            new TrainingConfig(epochs, learningRate, evalEvery, input.Seed, input.Loss, input.Optimizer,
                StepFor(model.Fused, batchSize), control.Schedule, control.Monitor)))
        .Bind(WidthFits)
        .Bind(settings => FitsInMemory(settings, memory));

    // Intermediate results are small classes rather than tuples: LanguageExt's generic code is then shared, not compiled
    // afresh for each tuple type, which the CLI would pay for at every start.
    sealed record SplitData(DatasetSpec Spec, Option<TableSource> Table, double TrainSplit);

    sealed record ChosenModel(ModelSpec Spec, Option<AffineForm> Fused);

    sealed record Chosen(SplitData Data, ChosenModel Model, TrainingConfig Training);

    /// <summary>A model reads as many features as its declaration says, or as the data has (checked once both are known).</summary>
    static Validation<Error, RunSettings> WidthFits(Chosen chosen)
    {
        var (model, features) = (chosen.Model.Spec, chosen.Data.Table.Match(Some: table => table.Columns.Features, None: () => 1));
        return model.Width.Accepts(features)
            ? Success<Error, RunSettings>(new RunSettings(chosen.Data.Spec, chosen.Data.Table, chosen.Data.TrainSplit, chosen.Training, model.For(features)))
            : Fail<Error, RunSettings>(Error.New(chosen.Data.Table.Match(
                Some: table =>
                    $"--model '{model.Key}' ({model.ClassName}) takes {model.Width.Describe()}, but '{table.Path}' gives {features} " +
                    $"({string.Join(", ", table.Columns.FeatureNames)}); use --model linear, which takes as many as the data has, " +
                    "or choose that many columns with --features",
                None: () =>
                    $"--model '{model.Key}' ({model.ClassName}) takes {model.Width.Describe()}, but the notebook's line has 1; " +
                    "train it on a table with that many input columns (--data FILE.csv)")));
    }

    /// <summary>
    /// The line, or the table named by --data with its columns chosen from the header the shell read. The train split
    /// can only be weighed against a sample count: for the line that waits for a valid line; a table's rows are only
    /// known once it is loaded (<see cref="Datasets.SplitLoaded"/>).
    /// </summary>
    static Validation<Error, SplitData> DataAndSplit(SettingsInput input, Option<Fin<Seq<string>>> header) =>
        input.DataFile.Match(
            Some: path => (TableFrom(input, path, header), StrictlyBetweenZeroAndOne("--train-split", input.TrainSplit))
                .Apply((table, fraction) => new SplitData(DatasetSpec.Notebook, Some(table), fraction)),
            None: () => (DatasetSpec.Create(input.Weight, input.Bias, input.Start, input.End, input.Step),
                         StrictlyBetweenZeroAndOne("--train-split", input.TrainSplit),
                         ColumnsNeedData(input))
                .Apply((spec, fraction, _) => new SplitData(spec, None, fraction))
                .Bind(LeavesBothSides));

    static Validation<Error, TableSource> TableFrom(SettingsInput input, string path, Option<Fin<Seq<string>>> header) =>
        header.IfNone(() => FinFail<Seq<string>>(Error.New($"--data '{path}' was not read")))
            .Match(Succ: Success<Error, Seq<string>>, Fail: Fail<Error, Seq<string>>)
            .Bind(columns => TableColumns.Choose(path, columns, input.Target, input.FeatureColumns))
            .Map(columns => new TableSource(path, columns));

    static Validation<Error, Unit> ColumnsNeedData(SettingsInput input) =>
        input.Target.IsNone && input.FeatureColumns.IsNone
            ? Success<Error, Unit>(unit)
            : Fail<Error, Unit>(Error.New(
                $"{(input.Target.IsSome ? "--target" : "--features")} chooses columns of a CSV file; give the file with --data FILE.csv, or leave it out to train on the line"));

    static Validation<Error, SplitData> LeavesBothSides(SplitData line)
    {
        var (count, train) = (line.Spec.SampleCount, Datasets.TrainCount(line.Spec.SampleCount, line.TrainSplit));
        return train >= 1 && train < count
            ? Success<Error, SplitData>(line)
            : Fail<Error, SplitData>(Error.New(
                $"--train-split {Show(line.TrainSplit)} of {count} samples leaves {train} for training and {count - train} for testing; both need at least 1"));
    }

    static Validation<Error, Option<int>> BatchSize(SettingsInput input) =>
        input.BatchSize.Match(
            Some: size => Positive("--batch-size", size).Map(Some),
            None: () => Success<Error, Option<int>>(None));

    /// <summary>What --fused needs of the optimiser, in one line (full batch or --batch-size alike): the model's part is checked with the model.</summary>
    static Validation<Error, bool> FusedOptimizer(SettingsInput input) =>
        !input.Fused || input.Optimizer == OptimizerKind.Sgd
            ? Success<Error, bool>(input.Fused)
            : Fail<Error, bool>(Error.New("--fused cannot be used here: it supports only --optimizer sgd"));

    /// <summary>A declared model and, under --fused, the affine form its forward must have.</summary>
    static Validation<Error, ChosenModel> ModelFor(SettingsInput input, Seq<ModelSpec> models) =>
        models.Find(m => m.Key == input.Model)
            .ToValidation(Error.New($"--model '{input.Model}' is not a declared model; choose one of: {string.Join(", ", models.Map(m => m.Key))}"))
            .Bind(spec => !input.Fused
                ? Success<Error, ChosenModel>(new ChosenModel(spec, None))
                : spec.Affine.Match(
                    Some: form => Success<Error, ChosenModel>(new ChosenModel(spec, Some(form))),
                    None: () => Fail<Error, ChosenModel>(Error.New(
                        $"--model '{spec.Key}' ({spec.ClassName}) cannot train with --fused: its forward is not weight * x + bias over two one-element parameters"))));

    /// <summary>
    /// The line and what training it needs must fit in the memory available; the way out is named: mini-batches
    /// (which drop autograd's full-size temporaries) or fewer samples.
    /// </summary>
    static Validation<Error, RunSettings> FitsInMemory(RunSettings settings, MemoryBudget memory)
    {
        if (settings.Table.IsSome) return Success<Error, RunSettings>(settings);
        var (samples, step) = (settings.Data.SampleCount, settings.Training.Step);
        var needed = MemoryBudget.Needed(samples, step);
        if (needed <= memory.AvailableBytes) return Success<Error, RunSettings>(settings);
        var smaller = step is StepKind.FullBatch
            ? $"train in mini-batches with --batch-size (about {MemoryBudget.BytesPerSample(new StepKind.MiniBatch(1))} bytes a sample) or use a smaller range (a larger --step)"
            : "use a smaller range (a larger --step, or --start and --end closer together)";
        return Fail<Error, RunSettings>(Error.New(
            $"{samples.ToString("N0", CultureInfo.InvariantCulture)} samples need about {MemoryBudget.Describe(needed)} to train this way " +
            $"({MemoryBudget.BytesPerSample(step)} bytes a sample), but {MemoryBudget.Describe(memory.AvailableBytes)} is available; {smaller}"));
    }

    /// <summary>
    /// --batch-size always means PyTorch's shuffling DataLoader: a batch at least as large as the training split is one
    /// batch of the whole split in shuffled order, which sums the loss in another order than the notebook's full batch.
    /// </summary>
    static StepKind StepFor(Option<AffineForm> fused, Option<int> batchSize) =>
        fused.Match<StepKind>(
            Some: form => batchSize.Match<StepKind>(
                Some: size => new StepKind.FusedMiniBatch(form, size),
                None: () => new StepKind.FusedAffine(form)),
            None: () => batchSize.Match<StepKind>(
                Some: size => new StepKind.MiniBatch(size),
                None: () => new StepKind.FullBatch()));
}
