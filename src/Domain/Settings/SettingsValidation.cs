using System.Globalization;
using Functional.Domain.Data;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>Checks every setting independently, so one run reports every problem at once.</summary>
public static class SettingsValidation
{
    public static Validation<Error, RunSettings> Validate(RunSettings settings, Seq<string> modelKeys) =>
        (Finite("--weight", settings.Data.Weight),
         Finite("--bias", settings.Data.Bias),
         Finite("--start", settings.Data.Start),
         Finite("--end", settings.Data.End),
         StepGivesEnoughSamples(settings.Data),
         TrainSplitLeavesBothSides(settings),
         Positive("--epochs", settings.Training.Epochs),
         PositiveFinite("--lr", settings.Training.LearningRate),
         Positive("--eval-every", settings.Training.EvalEvery),
         settings.Training.BatchSize.Match(size => Positive("--batch-size", size), () => Success<Error, int>(0)),
         KnownModel(settings.ModelKey, modelKeys),
         FusedSupported(settings))
        .Apply((_, _, _, _, _, _, _, _, _, _, _, _) => settings);

    static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    static Validation<Error, double> Finite(string flag, double value) =>
        double.IsFinite(value)
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite number, got {Show(value)}"));

    static Validation<Error, double> PositiveFinite(string flag, double value) =>
        double.IsFinite(value) && value > 0
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite number greater than 0, got {Show(value)}"));

    static Validation<Error, int> Positive(string flag, int value) =>
        value > 0
            ? Success<Error, int>(value)
            : Fail<Error, int>(Error.New($"{flag} must be a whole number of at least 1, got {value}"));

    static Validation<Error, DatasetSpec> StepGivesEnoughSamples(DatasetSpec data)
    {
        if (!double.IsFinite(data.Step) || data.Step == 0)
            return Fail<Error, DatasetSpec>(Error.New($"--step must be a finite non-zero number, got {Show(data.Step)}"));
        if (!double.IsFinite(data.Start) || !double.IsFinite(data.End))
            return Success<Error, DatasetSpec>(data); // the --start/--end checks report it
        if (Math.Sign(data.End - data.Start) != Math.Sign(data.Step))
            return Fail<Error, DatasetSpec>(Error.New(
                $"--step {Show(data.Step)} never reaches --end {Show(data.End)} from --start {Show(data.Start)}; use a step with the sign of end - start"));
        var count = data.SampleCount;
        return count switch
        {
            < 2 => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(data.Start)} --end {Show(data.End)} --step {Show(data.Step)} gives {count} sample(s); at least 2 are needed, so make the step smaller")),
            > MaxSamples => Fail<Error, DatasetSpec>(Error.New(
                $"--start {Show(data.Start)} --end {Show(data.End)} --step {Show(data.Step)} gives {count} samples; at most {MaxSamples} fit in memory here, so make the step larger")),
            _ => Success<Error, DatasetSpec>(data),
        };
    }

    /// <summary>A dataset is held in arrays, which .NET caps a little under 2^31 elements.</summary>
    public const long MaxSamples = 1L << 30;

    static Validation<Error, double> TrainSplitLeavesBothSides(RunSettings settings)
    {
        var split = settings.TrainSplit;
        if (!double.IsFinite(split) || split <= 0 || split >= 1)
            return Fail<Error, double>(Error.New($"--train-split must be between 0 and 1 (exclusive), got {Show(split)}"));
        var data = settings.Data;
        var count = double.IsFinite(data.Start) && double.IsFinite(data.End) && double.IsFinite(data.Step) && data.Step != 0
            ? data.SampleCount
            : 0;
        if (count < 2 || count > MaxSamples) return Success<Error, double>(split); // the step check reports it
        var train = Datasets.TrainCount((int)count, split);
        return train >= 1 && train < count
            ? Success<Error, double>(split)
            : Fail<Error, double>(Error.New(
                $"--train-split {Show(split)} of {count} samples leaves {train} for training and {count - train} for testing; both need at least 1"));
    }

    static Validation<Error, bool> FusedSupported(RunSettings settings) =>
        settings.Training.Fused
            ? Training.FusedLinearTraining.Unsupported(settings.Training, settings.ModelKey)
                .Match(problem => Fail<Error, bool>(Error.New(problem)), () => Success<Error, bool>(true))
            : Success<Error, bool>(false);

    static Validation<Error, string> KnownModel(string key, Seq<string> modelKeys) =>
        modelKeys.Exists(k => k == key)
            ? Success<Error, string>(key)
            : Fail<Error, string>(Error.New($"--model '{key}' is not a declared model; choose one of: {string.Join(", ", modelKeys)}"));
}
