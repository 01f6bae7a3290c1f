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
        var recorded = new SortedDictionary<string, string>
        {
            ["format"] = "pt",
            ["model"] = settings.ModelKey,
            ["seed"] = training.Seed.ToString(CultureInfo.InvariantCulture),
            ["config"] = (settings.Table.IsSome ? "" : $"weight={N(data.Weight)} bias={N(data.Bias)} start={N(data.Start)} end={N(data.End)} step={N(data.Step)} ") +
                         $"train_split={N(settings.TrainSplit)} epochs={training.Epochs} lr={N(training.LearningRate)} eval_every={training.EvalEvery} " +
                         $"loss={training.Loss.ToString().ToLowerInvariant()} optimizer={training.Optimizer.ToString().ToLowerInvariant()}" +
                         (training.Step switch { StepKind.MiniBatch mini => $" batch_size={mini.Size}", StepKind.FusedMiniBatch fused => $" batch_size={fused.Size}", _ => "" }) + (training.Step is StepKind.FusedAffine or StepKind.FusedMiniBatch ? " fused" : ""),
            ["torchsharp_version"] = versions.TorchSharp,
            ["functional_version"] = versions.Functional,
        };
        // A model trained on a table reads named columns: predict finds them in the file by these names.
        settings.Table.IfSome(table =>
        {
            recorded["data"] = table.Path;
            recorded["target"] = table.Columns.TargetName;
            recorded["features"] = System.Text.Json.JsonSerializer.Serialize(table.Columns.FeatureNames.ToArray(), ProvenanceJson.Default.StringArray);
        });
        return recorded;
    }
}

/// <summary>System.Text.Json's source-generated writer of the feature names' JSON array (no reflection: the published CLI is compiled ahead of time).</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class ProvenanceJson : System.Text.Json.Serialization.JsonSerializerContext;
