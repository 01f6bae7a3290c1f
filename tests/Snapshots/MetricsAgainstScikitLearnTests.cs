using System.Globalization;
using System.Text.Json;
using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// The test metrics a run records (run.json's <c>test_metrics</c>, the last row of metrics.csv, the summary on stderr)
/// against scikit-learn's <c>mean_absolute_error</c>, <c>mean_squared_error</c> and <c>r2_score</c> on the same
/// predictions: the trained model's, on the test split's rows, written by <c>predict --input --output</c> (float32,
/// round-trip text) beside the targets. The targets go to scikit-learn as the float32 the model was trained against,
/// as <c>torch.tensor(df.values, dtype=torch.float32)</c> makes them.
/// </summary>
public sealed class MetricsAgainstScikitLearnTests
{
    const string ScikitLearn = """
        import json, sys
        import numpy as np
        import pandas as pd
        from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
        table = pd.read_csv(sys.argv[1])
        y = table[sys.argv[2]].to_numpy(dtype=np.float32).astype(np.float64)
        p = table["prediction"].to_numpy(dtype=np.float32).astype(np.float64)
        mse = mean_squared_error(y, p)
        print(json.dumps({"mae": mean_absolute_error(y, p), "mse": mse, "rmse": float(np.sqrt(mse)), "r2": r2_score(y, p)}))
        """;

    [RequiresScikitLearnFact]
    public void The_recorded_test_metrics_are_scikit_learns_on_the_same_predictions_to_six_significant_digits()
    {
        var train = CliProcess.Run("train", "--data", RepositoryFiles.PathOf("examples/houses.csv"), "--model", "linear", "--loss", "mse", "--optimizer", "adam",
            "--lr", "0.05", "--epochs", "400", "--eval-every", "100", "--out", "houses.pt", "--no-plots", "--runs", "records");
        Assert.True(train.ExitCode == 0, train.Stderr);
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("examples/houses.csv"));
        var trainRows = (int)(0.8 * (lines.Length - 1));
        File.WriteAllLines(Path.Combine(train.WorkingDirectory, "test.csv"), [lines[0], .. lines.Skip(1 + trainRows)]);

        var predict = CliProcess.RunIn(train.WorkingDirectory, "predict", "--model", "houses.pt", "--input", "test.csv", "--features", "area,age,rooms", "--output", "predicted.csv");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var sklearn = JsonDocument.Parse(PythonTorch.RunOk(ScikitLearn, Path.Combine(train.WorkingDirectory, "predicted.csv"), "price")).RootElement;

        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(train.WorkingDirectory, "records")));
        var recorded = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))).RootElement.GetProperty("test_metrics");
        var metricsCsv = File.ReadAllLines(Path.Combine(folder, "metrics.csv"));
        var (header, lastRow) = (metricsCsv[0].Split(','), metricsCsv[^1].Split(','));
        var summary = train.Stderr.Split('\n').Single(line => line.StartsWith("Test metrics ", StringComparison.Ordinal));
        Assert.StartsWith($"Test metrics ({lines.Length - 1 - trainRows} rows): ", summary);
        foreach (var (name, column, label) in new[] { ("mae", "test_mae", "MAE"), ("mse", "test_mse", "MSE"), ("rmse", "test_rmse", "RMSE"), ("r2", "test_r2", "R²") })
        {
            var expected = sklearn.GetProperty(name).GetDouble();
            AgreeToSixDigits(name + " in run.json", expected, recorded.GetProperty(name).GetDouble());
            AgreeToSixDigits(name + " in metrics.csv", expected, double.Parse(lastRow[Array.IndexOf(header, column)], CultureInfo.InvariantCulture));
            var shown = summary.Split(label + " ")[1].Split(',')[0];
            AgreeToSixDigits(name + " on stderr", expected, double.Parse(shown, CultureInfo.InvariantCulture), printed: true);
        }
    }

    /// <summary>
    /// Within a unit of the sixth significant digit (half a unit when computed: the sums run in another order than
    /// NumPy's pairwise ones; one unit when printed, which rounds once more).
    /// </summary>
    static void AgreeToSixDigits(string what, double expected, double actual, bool printed = false)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - 5);
        Assert.True(Math.Abs(actual - expected) <= (printed ? 1.0 : 0.5) * unit,
            $"{what}: ours {actual.ToString("R", CultureInfo.InvariantCulture)}, scikit-learn {expected.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
