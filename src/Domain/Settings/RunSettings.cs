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
    public DatasetSpec Data { get; }
    public double TrainSplit { get; }
    public TrainingConfig Training { get; }
    public ModelSpec Model { get; }

    RunSettings(DatasetSpec data, double trainSplit, TrainingConfig training, ModelSpec model) =>
        (Data, TrainSplit, Training, Model) = (data, trainSplit, training, model);

    public string ModelKey => Model.Key;

    /// <summary>
    /// Checks every setting at once, so one run reports every problem (as a smart constructor: independent checks are
    /// applied together, and a check that needs another's result is bound to it).
    /// </summary>
    /// <param name="input">The flags as typed.</param>
    /// <param name="models">The declared models.</param>
    /// <param name="memory">The memory the shell found available; the dataset must fit in it (see <see cref="MemoryBudget"/>).</param>
    public static Validation<Error, RunSettings> Create(SettingsInput input, Seq<ModelSpec> models, MemoryBudget memory) =>
        (DataAndSplit(input),
         Positive("--epochs", input.Epochs),
         PositiveFloat32("--lr", input.LearningRate),
         Positive("--eval-every", input.EvalEvery),
         BatchSize(input),
         FusedOptimizerAndBatch(input),
         ModelFor(input, models))
        .Apply((data, epochs, learningRate, evalEvery, batchSize, _, model) => new RunSettings(
            data.Spec,
            data.TrainSplit,
            new TrainingConfig(epochs, learningRate, evalEvery, input.Seed, input.Loss, input.Optimizer,
                StepFor(model.Fused, batchSize)),
            model.Spec))
        .Bind(settings => FitsInMemory(settings, memory));

    // Intermediate results are small classes rather than tuples: LanguageExt's generic code is then shared, not compiled
    // afresh for each tuple type, which the CLI would pay for at every start.
    sealed record SplitLine(DatasetSpec Spec, double TrainSplit);

    sealed record ChosenModel(ModelSpec Spec, Option<AffineForm> Fused);

    /// <summary>The train split can only be weighed against a sample count, so that check waits for a valid line.</summary>
    static Validation<Error, SplitLine> DataAndSplit(SettingsInput input) =>
        (DatasetSpec.Create(input.Weight, input.Bias, input.Start, input.End, input.Step),
         StrictlyBetweenZeroAndOne("--train-split", input.TrainSplit))
        .Apply((spec, fraction) => new SplitLine(spec, fraction))
        .Bind(LeavesBothSides);

    static Validation<Error, SplitLine> LeavesBothSides(SplitLine line)
    {
        var (count, train) = (line.Spec.SampleCount, Datasets.TrainCount(line.Spec.SampleCount, line.TrainSplit));
        return train >= 1 && train < count
            ? Success<Error, SplitLine>(line)
            : Fail<Error, SplitLine>(Error.New(
                $"--train-split {Show(line.TrainSplit)} of {count} samples leaves {train} for training and {count - train} for testing; both need at least 1"));
    }

    static Validation<Error, Option<int>> BatchSize(SettingsInput input) =>
        input.BatchSize.Match(
            Some: size => Positive("--batch-size", size).Map(Some),
            None: () => Success<Error, Option<int>>(None));

    /// <summary>What --fused needs of the optimiser and the batch, in one line: the model's part is checked with the model.</summary>
    static Validation<Error, bool> FusedOptimizerAndBatch(SettingsInput input)
    {
        var reasons = new List<string>();
        if (input.Optimizer != OptimizerKind.Sgd) reasons.Add("it supports only --optimizer sgd");
        if (input.BatchSize.IsSome) reasons.Add("it trains full batch, so drop --batch-size");
        return !input.Fused || reasons.Count == 0
            ? Success<Error, bool>(input.Fused)
            : Fail<Error, bool>(Error.New($"--fused cannot be used here: {string.Join("; ", reasons)}"));
    }

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
    /// The dataset and what training it needs must fit in the memory available; the way out is named: mini-batches
    /// (which drop autograd's full-size temporaries) or fewer samples.
    /// </summary>
    static Validation<Error, RunSettings> FitsInMemory(RunSettings settings, MemoryBudget memory)
    {
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
            Some: form => new StepKind.FusedAffine(form),
            None: () => batchSize.Match<StepKind>(
                Some: size => new StepKind.MiniBatch(size),
                None: () => new StepKind.FullBatch()));
}
