using System.Globalization;
using Functional.Domain.Settings;
using Functional.Domain.Training;

namespace Functional.Formats.Runs;

/// <summary>What a safetensors file records about how its values were made (its <c>__metadata__</c>).</summary>
public static class Provenance
{
    public static IReadOnlyDictionary<string, string> Of(RunSettings settings, SoftwareVersions versions)
    {
        static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var (data, training) = (settings.Data, settings.Training);
        return new SortedDictionary<string, string>
        {
            ["format"] = "pt",
            ["model"] = settings.ModelKey,
            ["seed"] = training.Seed.ToString(CultureInfo.InvariantCulture),
            ["config"] = $"weight={N(data.Weight)} bias={N(data.Bias)} start={N(data.Start)} end={N(data.End)} step={N(data.Step)} " +
                         $"train_split={N(settings.TrainSplit)} epochs={training.Epochs} lr={N(training.LearningRate)} eval_every={training.EvalEvery} " +
                         $"loss={training.Loss.ToString().ToLowerInvariant()} optimizer={training.Optimizer.ToString().ToLowerInvariant()}" +
                         (training.Step is StepKind.MiniBatch mini ? $" batch_size={mini.Size}" : "") + (training.Step is StepKind.FusedAffine ? " fused" : ""),
            ["torchsharp_version"] = versions.TorchSharp,
            ["functional_version"] = versions.Functional,
        };
    }
}
