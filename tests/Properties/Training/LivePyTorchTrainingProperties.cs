using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using Functional.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// The differential property: generated configurations (<see cref="TrainingConfigurations"/>) train here, in process
/// (the one training loop and its steps), and in real PyTorch 1.13 written as a PyTorch user writes it
/// (tests/Shared/pytorch_training.py: a real DataLoader, nn.L1Loss/MSELoss, torch.optim), all of them in one Python
/// process that runs beside ours. Every printed epoch line, the initial and final state_dict and the test predictions
/// as the notebook shows them must be equal, and a run PyTorch stops for a non-finite loss must stop here at the same
/// epoch. Autograd runs must also be bit-identical (every logged loss, the last epoch's losses, every final parameter)
/// for every model whose forward is made of elementwise products; a model with a weight matrix wider than one column
/// (mlp's output layer) sums dot products, and libtorch 2.x and PyTorch 1.13 order those sums differently, so it must
/// print the same, as must each configuration's --fused twin where there is one (it sums in another order by design).
/// </summary>
public sealed class LivePyTorchTrainingProperties(ITestOutputHelper output)
{
    /// <summary>Configurations per run: CI replays one fixed batch of this many (PropertyConfiguration.cs); FUNCTIONAL_PYTORCH_CONFIGURATIONS sets another count.</summary>
    static int Count => int.TryParse(Environment.GetEnvironmentVariable("FUNCTIONAL_PYTORCH_CONFIGURATIONS"), out var count) && count > 0 ? count : 400;

    [Property(MaxTest = 1)]
    public Property Generated_configurations_train_as_in_PyTorch_to_every_printed_digit()
    {
        if ((PythonTorch.WhyUnavailable ?? PythonTorch.WhyIPythonUnavailable) is { } reason)
        {
            output.WriteLine($"skipped: PyTorch/IPython reference unavailable: {reason}");
            return true.ToProperty();
        }
        // One test case is one batch of configurations, so PyTorch starts once; without a shrinker a failure is reported
        // as generated, with FsCheck's replay seed, and each mismatching configuration is named as a command line.
        var batch = Gen.ListOf(TrainingConfigurations.Settings(), Count).Select(list => new Configurations(list.ToArray())).ToArbitrary();
        return Prop.ForAll(batch, configurations => Compare(configurations.Settings).Label("configurations whose runs differ from PyTorch's (see the test output)"));
    }

    /// <summary>The batch FsCheck reports on failure: the mismatching ones are in the test output, as command lines.</summary>
    sealed record Configurations(SettingsInput[] Settings)
    {
        public override string ToString() => $"{Settings.Length} generated configurations";
    }

    bool Compare(SettingsInput[] settings)
    {
        var clock = Stopwatch.StartNew();
        var cases = settings.Select((input, id) => TrainingRuns.CaseOf(id, input)).ToArray();
        var pytorch = Task.Run(() => PyTorchTraining.Run(cases));
        var ours = settings.Select(TrainingRuns.Ours).ToArray();
        var fused = settings.Select(input => TrainingConfigurations.Fused(input).Map(TrainingRuns.Ours)).ToArray();
        var oursDone = clock.Elapsed;
        var theirs = pytorch.Result;

        var failures = new List<string>();
        var skipped = new List<string>();
        for (var id = 0; id < settings.Length; id++)
        {
            var (report, reason) = theirs[id];
            if (report is null)
            {
                skipped.Add($"{settings[id].Model}: {reason}");
                continue;
            }
            Check(settings[id], ours[id].DifferencesFrom(report, exact: !SumsDotProducts(settings[id].Model)));
            fused[id].IfSome(run => Check(settings[id] with { Fused = true }, run.DifferencesFrom(report, exact: false)));
        }
        output.WriteLine(Summary(settings, ours, fused.Count(run => run.IsSome), fused.Where((run, id) => run.IsSome && settings[id].BatchSize.IsSome).Count(), skipped, clock.Elapsed, oursDone));
        foreach (var failure in failures) output.WriteLine(failure);
        return failures.Count == 0;

        void Check(SettingsInput input, IReadOnlyList<string> differences)
        {
            if (differences.Count > 0) failures.Add($"{TrainingRuns.CommandLine(input)}\n    " + string.Join("\n    ", differences));
        }
    }

    /// <summary>A parameter of shape [out, in] with in &gt; 1 is a layer whose outputs are sums of products.</summary>
    static bool SumsDotProducts(string model) =>
        ModelCatalog.Specs.Find(spec => spec.Key == model).Exists(TrainingConfigurations.SumsDotProducts);

    static string Summary(SettingsInput[] settings, TrainingReport[] ours, int fused, int fusedMiniBatch, List<string> skipped, TimeSpan total, TimeSpan oursDone) =>
        FormattableString.Invariant(
            $"{settings.Length} configurations ({settings.Length - skipped.Count} checked, {skipped.Count} skipped): {settings.Count(s => s.BatchSize.IsSome)} mini-batch, {fused} also with --fused ({fusedMiniBatch} of them mini-batch), {settings.Count(s => s.Optimizer == OptimizerKind.Adam)} adam, {ours.Count(r => r.Stopped is not null)} stopped for a non-finite loss, {settings.Count(s => s.Control.Scheduler != SchedulerKind.None)} with a scheduler, {settings.Count(s => s.Control.EarlyStopPatience.IsSome)} with early stopping ({ours.Count(r => r.StoppedEarly is not null)} stopped early), {settings.Count(s => s.Control.RestoreBest)} with --restore-best; {settings.Sum(s => s.Epochs)} epochs; ours done after {oursDone.TotalSeconds:F1} s, PyTorch's and the comparison after {total.TotalSeconds:F1} s") +
            string.Concat(skipped.Distinct().Select(reason => $"\n  skipped {reason}"));
}
