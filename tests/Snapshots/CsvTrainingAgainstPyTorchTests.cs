using System.Text.Json;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// <c>train --data FILE.csv --model linear</c> against real PyTorch on the same file, written as a PyTorch user writes it
/// (tests/Snapshots/PyTorch/csv_notebook.py: pandas, <c>nn.Linear(k, 1)</c>, a real DataLoader): the whole stdout, from
/// the sample counts and the first rows of X to the epoch lines, the test predictions and the reloaded state_dict, is
/// the same text, for full batch and mini-batches, SGD and Adam, L1 and MSE, the default columns and chosen ones.
/// </summary>
public sealed class CsvTrainingAgainstPyTorchTests
{
    const string Table = "examples/houses.csv";

    sealed record Case(string Name, string[] Flags, string Optimizer, string Loss, double LearningRate, int Epochs, int EvalEvery,
        int? BatchSize = null, long Seed = 42, double TrainSplit = 0.8, string? Target = null, string[]? Features = null);

    static readonly Case[] Cases =
    [
        new("full_batch_sgd_l1", [], "sgd", "l1", 0.001, 100, 10),
        new("mini_batches_sgd_mse", ["--batch-size", "16"], "sgd", "mse", 0.0005, 40, 5, BatchSize: 16),
        new("full_batch_adam_mse", [], "adam", "mse", 0.05, 200, 20),
        new("mini_batches_adam_l1_chosen_columns", ["--batch-size", "7", "--target", "area", "--features", "rooms,price", "--seed", "3", "--train-split", "0.75"],
            "adam", "l1", 0.01, 30, 3, BatchSize: 7, Seed: 3, TrainSplit: 0.75, Target: "area", Features: ["rooms", "price"]),
    ];

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [RequiresIPythonTheory]
    [MemberData(nameof(Names))]
    public void A_csv_run_prints_what_PyTorch_prints_on_the_same_file(string name)
    {
        var test = Cases.Single(c => c.Name == name);
        using var folder = new TempFolder();
        File.Copy(RepositoryFiles.PathOf(Table), folder.File("houses.csv"));
        var config = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["csv"] = "houses.csv", ["target"] = test.Target, ["features"] = test.Features, ["seed"] = test.Seed, ["epochs"] = test.Epochs,
            ["lr"] = test.LearningRate, ["eval_every"] = test.EvalEvery, ["train_split"] = test.TrainSplit, ["loss"] = test.Loss,
            ["optimizer"] = test.Optimizer, ["batch_size"] = test.BatchSize, ["out"] = "model.pt",
        });
        var pytorch = PythonTorch.Run(File.ReadAllText(RepositoryFiles.PathOf("tests/Snapshots/PyTorch/csv_notebook.py")), [config], workingDirectory: folder.Path);
        Assert.True(pytorch.ExitCode == 0, pytorch.Stderr);

        var ours = CliProcess.RunIn(folder.Path, ["train", "--data", "houses.csv", "--model", "linear", "--optimizer", test.Optimizer, "--loss", test.Loss,
            "--lr", Invariant(test.LearningRate), "--epochs", Invariant(test.Epochs), "--eval-every", Invariant(test.EvalEvery),
            "--out", "model.pt", "--no-plots", "--no-runs", .. test.Flags]);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Contains("Epoch: 0 | Train loss: ", pytorch.Stdout);
        Assert.Equal(pytorch.Stdout, ours.Stdout);
    }

    static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
}
