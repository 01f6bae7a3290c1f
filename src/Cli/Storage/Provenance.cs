using System.Globalization;
using System.Reflection;
using Functional.Domain.Settings;

namespace Functional.Cli.Storage;

/// <summary>What a safetensors file records about how its values were made (its <c>__metadata__</c>).</summary>
public static class Provenance
{
    public static IReadOnlyDictionary<string, string> Of(RunSettings settings)
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
                         $"loss={training.Loss.ToString().ToLowerInvariant()} optimizer={training.Optimizer.ToString().ToLowerInvariant()}",
            ["torchsharp_version"] = VersionOf(typeof(TorchSharp.torch).Assembly),
            ["functional_version"] = VersionOf(typeof(Provenance).Assembly),
        };
    }

    static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
