using System.Globalization;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The CLI a user runs, against real PyTorch written as a PyTorch user writes it (tests/Shared/pytorch_training.py, all
/// cases in one Python process): the printed epoch lines, the test predictions and the final state_dict on stdout, the
/// last epoch's exact losses on stderr, and a diverging run's error at PyTorch's epoch. The in-process differential
/// property (tests/Properties) covers hundreds of generated configurations; these few go through the whole program.
/// </summary>
public sealed class CliTrainingAgainstPyTorchTests
{
    sealed record Case(string Name, string[] Flags, TrainingCase PyTorch);

    static TrainingCase Notebook(int id) => new(id, "LinearRegressionModel", 0.3, 0.9, 0, 1, 0.01, 0.8, 300, 0.01, 20, null, 42, "l1", "sgd");

    static readonly Case[] Cases =
    [
        new("mini_batches_non_divisor", ["--batch-size", "7", "--epochs", "25", "--eval-every", "4"], Notebook(0) with { BatchSize = 7, Epochs = 25, EvalEvery = 4 }),
        new("batch_of_one_adam_linear_layer", ["--batch-size", "1", "--epochs", "6", "--eval-every", "5", "--optimizer", "adam", "--model", "linear-layer", "--seed", "-3"],
            Notebook(1) with { ClassName = "LinearRegressionModelV2", BatchSize = 1, Epochs = 6, EvalEvery = 5, Optimizer = "adam", Seed = -3 }),
        new("batch_larger_than_the_split_quadratic_mse", ["--batch-size", "500", "--epochs", "90", "--loss", "mse", "--model", "quadratic", "--lr", "0.1"],
            Notebook(2) with { ClassName = "QuadraticRegressionModel", BatchSize = 500, Epochs = 90, Loss = "mse", LearningRate = 0.1 }),
        new("falling_line_adam_full_batch", ["--weight", "-1.5", "--bias", "2", "--start", "1", "--end", "-1", "--step", "-0.05", "--train-split", "0.7",
            "--optimizer", "adam", "--epochs", "150", "--eval-every", "10", "--seed", "7"],
            Notebook(3) with { Weight = -1.5, Bias = 2, Start = 1, End = -1, Step = -0.05, TrainSplit = 0.7, Optimizer = "adam", Epochs = 150, EvalEvery = 10, Seed = 7 }),
        new("diverging_mini_batches", ["--batch-size", "9", "--loss", "mse", "--lr", "1000"], Notebook(4) with { BatchSize = 9, Loss = "mse", LearningRate = 1000 }),
        // Matrix products (the MLP's): on an Intel Xeon with AVX-512, MKL's fused multiply-adds put the last epoch's train
        // loss 2e-8 away from PyTorch's unless the CLI keeps MKL on its compatible code path (PyTorchArithmetic).
        new("mlp_adam_mse", ["--model", "mlp", "--loss", "mse", "--optimizer", "adam", "--epochs", "30", "--seed", "3"],
            Notebook(5) with { ClassName = "MlpRegressionModel", Loss = "mse", Optimizer = "adam", Epochs = 30, Seed = 3 }),
    ];

    static readonly Lazy<IReadOnlyDictionary<int, (TrainingReport? Report, string? Skipped)>> PyTorch =
        new(() => PyTorchTraining.Run(Cases.Select(c => c.PyTorch).ToArray()));

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [RequiresIPythonTheory]
    [MemberData(nameof(Names))]
    public void The_CLI_prints_what_PyTorch_prints(string name)
    {
        var test = Cases.Single(c => c.Name == name);
        var pytorch = PyTorch.Value[test.PyTorch.Id].Report!;
        var run = CliProcess.Run([.. test.Flags, "--no-plots", "--no-runs"]);
        var printed = run.Stdout.Split('\n').Where(line => line.StartsWith("Epoch: ")).ToList();
        Assert.Equal(pytorch.Lines, printed);
        if (pytorch.Stopped is { } stopped)
        {
            Assert.Equal(1, run.ExitCode);
            Assert.StartsWith($"error: training stopped at epoch {stopped.Epoch}: ", run.Stderr.Split('\n').Single(line => line.StartsWith("error: ")));
            return;
        }
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(pytorch.Predictions + "\n" + pytorch.Predictions + "\n", run.Stdout);
        Assert.EndsWith("\n" + pytorch.Final + "\n", run.Stdout);
        var last = pytorch.Last!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Last epoch: {last.Epoch} | Train loss: {last.TrainLoss:R} | Test loss: {last.TestLoss:R}\n"), run.Stderr);
    }
}
