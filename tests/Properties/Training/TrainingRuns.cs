using System.Globalization;
using System.Text.RegularExpressions;
using Functional.Display.Notebook;
using Functional.Display.Python;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Training.Schedules;
using Functional.Models;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Workflow;
using LanguageExt;

namespace Functional.Tests.Properties.Training;

/// <summary>Our side of a comparison with PyTorch: a configuration as pytorch_training.py reads it, and our run of it as a <see cref="TrainingReport"/>.</summary>
internal static class TrainingRuns
{
    public static TrainingCase CaseOf(int id, SettingsInput input) => new(
        id, ModelCatalog.Specs.Find(m => m.Key == input.Model).Map(m => m.ClassName).IfNone(input.Model),
        input.Weight, input.Bias, input.Start, input.End, input.Step, input.TrainSplit, input.Epochs, input.LearningRate, input.EvalEvery,
        input.BatchSize.IsSome ? input.BatchSize.IfNone(0) : null, input.Seed, input.Loss == LossKind.L1 ? "l1" : "mse",
        input.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam", ScheduleOf(input), EarlyStopOf(input));

    /// <summary>The scheduler as the settings resolved it (defaults filled in), so PyTorch gets the arguments we use.</summary>
    static ScheduleCase? ScheduleOf(SettingsInput input) => ValidSettings.From(input).Training.Schedule switch
    {
        ScheduleSpec.StepDecay step => new ScheduleCase("step", step.StepSize, step.Gamma, null, null, null),
        ScheduleSpec.Exponential exponential => new ScheduleCase("exponential", null, exponential.Gamma, null, null, null),
        ScheduleSpec.Cosine cosine => new ScheduleCase("cosine", null, null, cosine.TMax, null, null),
        ScheduleSpec.Plateau plateau => new ScheduleCase("plateau", null, null, null, plateau.Factor, plateau.Patience),
        _ => null,
    };

    static EarlyStopCase? EarlyStopOf(SettingsInput input) =>
        ValidSettings.From(input).Training.Monitor is { IsOn: true } monitor
            ? new EarlyStopCase((monitor.Patience.IsSome ? (int?)monitor.Patience.IfNone(0) : null), monitor.MinDelta, monitor.RestoreBest)
            : null;

    /// <summary>The same configuration through our training loop and steps, read as the notebook's transcript shows it.</summary>
    public static TrainingReport Ours(SettingsInput input) => Ours(input, Option<Functional.Domain.Training.Checkpoints.Checkpoint>.None);

    /// <summary>The same, going on from a checkpoint when there is one (the initial state_dict shown is still the seeded model's, as PyTorch's script shows it).</summary>
    public static TrainingReport Ours(SettingsInput input, Option<Functional.Domain.Training.Checkpoints.Checkpoint> resume)
    {
        var prepared = NotebookWorkflow.Prepare(ValidSettings.From(input), ModelCatalog.All)
            .Match(Succ: run => run, Fail: e => throw new InvalidOperationException(e.Message));
        var lines = new List<string>();
        var losses = new List<EpochLosses>();
        var rates = new List<double>();
        TrainingEvent ending = new TrainingFailed(LanguageExt.Common.Error.New("no ending"));
        foreach (var next in prepared.Training(ComputeDevice.Cpu, resume))
        {
            if (next is EpochCompleted completed) rates.Add(completed.LearningRate);
            if (next is EpochCompleted { TestLoss.IsSome: true } epoch)
            {
                var test = epoch.TestLoss.IfNone(float.NaN);
                lines.Add(TrainingLog.TrainingLogLine(epoch.Epoch, epoch.TrainLoss, test));
                losses.Add(new EpochLosses(epoch.Epoch, epoch.TrainLoss, test));
            }
            else if (next is TrainingFinished or TrainingFailed) ending = next;
        }
        using var seeded = SeededModels.Create(prepared.Model, input.Seed);
        var initial = PythonValue.OrderedDictOf(seeded.ToStateDict()).Pretty();
        return ending switch
        {
            TrainingFinished { Model: var trained } => new TrainingReport(initial, lines, losses, null,
                new EpochLosses(trained.LastEpoch.Epoch, trained.LastEpoch.TrainLoss, trained.LastEpoch.TestLoss),
                PythonValue.OrderedDictOf(trained.Final).Pretty(),
                trained.Final.Entries.Map(e => (e.Key, e.Value.Data.Map(v => (double)v).ToArray())).ToList(),
                NotebookTranscript.PredictionCells(trained.TestPredictions).Head,
                rates,
                (trained.Monitoring.StoppedAt.IsSome ? (int?)trained.Monitoring.StoppedAt.IfNone(0) : null),
                (trained.Monitoring.Best.IsSome ? (int?)trained.Monitoring.Best.Map(b => b.Epoch).IfNone(0) : null)),
            TrainingFailed { Error: var error } => new TrainingReport(initial, lines, losses, StoppedAt(error.Message), null, null, [], null,
                rates, null, null),
            _ => throw new InvalidOperationException("training ended in an unknown way"),
        };
    }

    static (int Epoch, double TrainLoss) StoppedAt(string message)
    {
        var stop = Regex.Match(message, "^training stopped at epoch (\\d+): the training loss (?:of the initial parameters )?is (NaN|infinite|-infinite)[ ;]");
        if (!stop.Success) throw new InvalidOperationException($"training failed for another reason: {message}");
        var loss = stop.Groups[2].Value switch { "NaN" => double.NaN, "infinite" => double.PositiveInfinity, _ => double.NegativeInfinity };
        return (int.Parse(stop.Groups[1].Value, CultureInfo.InvariantCulture), loss);
    }

    /// <summary>The configuration as the command that reproduces it.</summary>
    public static string CommandLine(SettingsInput s)
    {
        static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        return $"dotnet run --project src/Cli -- --model {s.Model} --weight {N(s.Weight)} --bias {N(s.Bias)} --start {N(s.Start)} --end {N(s.End)} " +
               $"--step {N(s.Step)} --train-split {N(s.TrainSplit)} --epochs {s.Epochs} --lr {N(s.LearningRate)} --eval-every {s.EvalEvery} " +
               s.BatchSize.Match(size => $"--batch-size {size} ", () => "") + $"--seed {s.Seed} --loss {(s.Loss == LossKind.L1 ? "l1" : "mse")} " +
               $"--optimizer {(s.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam")}" + (s.Fused ? " --fused" : "") + ControlFlags(s.Control);
    }

    static string ControlFlags(ControlInput c)
    {
        static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var flags = new List<string>();
        if (c.Scheduler != SchedulerKind.None) flags.Add($"--lr-scheduler {c.Scheduler.ToString().ToLowerInvariant()}");
        c.StepSize.IfSome(v => flags.Add($"--lr-step-size {v}"));
        c.Gamma.IfSome(v => flags.Add($"--lr-gamma {N(v)}"));
        c.TMax.IfSome(v => flags.Add($"--lr-t-max {v}"));
        c.Factor.IfSome(v => flags.Add($"--lr-factor {N(v)}"));
        c.SchedulerPatience.IfSome(v => flags.Add($"--lr-patience {v}"));
        c.EarlyStopPatience.IfSome(v => flags.Add($"--early-stop-patience {v}"));
        c.EarlyStopMinDelta.IfSome(v => flags.Add($"--early-stop-min-delta {N(v)}"));
        if (c.RestoreBest) flags.Add("--restore-best");
        return string.Concat(flags.Select(flag => " " + flag));
    }
}
