using System.Globalization;
using System.Text;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// <c>predict --input --output</c> against PyTorch: the model file loaded into <c>nn.Linear(3, 1)</c>, the table read
/// with pandas into a float32 tensor, one forward pass. The table is longer than one of predict's blocks, so the
/// streaming is crossed; each output row is its input row as written, then the prediction, which is, as PyTorch's,
/// within float32's rounding of the exact value (about three in four are PyTorch's bit for bit; see RoundingBound).
/// </summary>
public sealed class PredictTableTests
{
    const string PyTorchPredictions = """
        import sys
        import pandas as pd
        import torch
        from torch import nn
        model = nn.Linear(in_features=3, out_features=1)
        model.load_state_dict(torch.load(sys.argv[1]))
        model.eval()
        X = torch.tensor(pd.read_csv(sys.argv[2])[["area", "age", "rooms"]].values, dtype=torch.float32)
        with torch.inference_mode():
            predictions = model(X)
            terms = X.double() * model.weight.double()
            exact = terms.sum(dim=1) + model.bias.double()
            magnitude = terms.abs().sum(dim=1) + model.bias.double().abs()
        for p, e, m in zip(predictions[:, 0].tolist(), exact.tolist(), magnitude.tolist()):
            print(repr(float(p)), repr(e), repr(m))
        """;

    /// <summary>
    /// How far a float32 forward of nn.Linear(3, 1) can be from the exact value: four roundings (three products summed,
    /// the bias added) of at most 2^-24 of the terms' magnitude each, and the final one. TorchSharp's libtorch and
    /// PyTorch 1.13 add the terms in different orders, so a prediction can differ from PyTorch's by a unit or two in
    /// the last place while both are within this of the exact value.
    /// </summary>
    static double RoundingBound(double magnitude) => 5 * Math.Pow(2, -24) * magnitude;

    [RequiresPyTorchFact]
    public void Every_row_is_written_as_it_was_with_the_prediction_PyTorch_makes_from_the_model_file()
    {
        var train = CliProcess.Run("train", "--data", RepositoryFiles.PathOf("examples/houses.csv"), "--model", "linear", "--optimizer", "adam",
            "--lr", "0.05", "--epochs", "50", "--out", "houses.pt", "--no-plots", "--no-runs");
        Assert.True(train.ExitCode == 0, train.Stderr);
        var folder = train.WorkingDirectory;
        var rows = Enumerable.Range(0, 70_001).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{0.5 + i % 997 * 0.0025:0.####},{i % 41}.{i % 7},{1 + i % 5}")).ToList();
        rows[1] = "\"1.5\",12,3";
        File.WriteAllText(Path.Combine(folder, "table.csv"), "area,age,rooms\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));

        var predict = CliProcess.RunIn(folder, "predict", "--model", "houses.pt", "--input", "table.csv", "--output", "predicted.csv");

        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal("", predict.Stdout);
        Assert.Contains("Wrote predicted.csv (70,001 rows of table.csv with a 'prediction' column)\n", predict.Stderr);
        var written = File.ReadAllLines(Path.Combine(folder, "predicted.csv"));
        Assert.Equal("area,age,rooms,prediction", written[0]);
        Assert.Equal(rows.Count + 1, written.Length);
        var pytorch = PythonTorch.RunOk(PyTorchPredictions, Path.Combine(folder, "houses.pt"), Path.Combine(folder, "table.csv"))
            .TrimEnd('\n').Split('\n').Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .Select(v => (Prediction: (float)v[0], Exact: v[1], Magnitude: v[2])).ToList();
        Assert.Equal(rows.Count, pytorch.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var comma = written[i + 1].LastIndexOf(',');
            Assert.Equal(rows[i], written[i + 1][..comma]);
            var ours = float.Parse(written[i + 1][(comma + 1)..], CultureInfo.InvariantCulture);
            var (theirs, value, magnitude) = pytorch[i];
            Assert.True(Math.Abs(ours - value) <= RoundingBound(magnitude) && Math.Abs(theirs - value) <= RoundingBound(magnitude),
                $"row {i + 1}: ours {written[i + 1][(comma + 1)..]}, PyTorch {theirs.ToString("R", CultureInfo.InvariantCulture)}, exactly {value.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }
}
