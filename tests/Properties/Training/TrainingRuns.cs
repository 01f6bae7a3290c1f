using System.Globalization;
using System.Text.RegularExpressions;
using Functional.Display.Notebook;
using Functional.Display.Python;
using Functional.Domain.Settings;
using Functional.Domain.Training;
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
        input.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam");

    /// <summary>The same configuration through our training loop and steps, read as the notebook's transcript shows it.</summary>
    public static TrainingReport Ours(SettingsInput input)
    {
        var prepared = NotebookWorkflow.Prepare(ValidSettings.From(input), ModelCatalog.All)
            .Match(Succ: run => run, Fail: e => throw new InvalidOperationException(e.Message));
        var lines = new List<string>();
        var losses = new List<EpochLosses>();
        TrainingEvent ending = new TrainingFailed(LanguageExt.Common.Error.New("no ending"));
        foreach (var next in prepared.Training(ComputeDevice.Cpu))
        {
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
                NotebookTranscript.PredictionCells(trained.TestPredictions).Head),
            TrainingFailed { Error: var error } => new TrainingReport(initial, lines, losses, StoppedAt(error.Message), null, null, [], null),
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
               $"--optimizer {(s.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam")}" + (s.Fused ? " --fused" : "");
    }
}
