using System.Globalization;
using Functional.Domain.Metrics;

namespace Functional.Display.Reports;

/// <summary>The closing summary of a run's test metrics, on stderr: stdout is the notebook's transcript.</summary>
public static class MetricsReport
{
    /// <summary><c>Test metrics (40 rows): MAE 0.0412, MSE 0.00265, RMSE 0.0515, R² 0.99547</c>, six significant digits each.</summary>
    public static string Summary(RegressionMetrics metrics, int rows) =>
        $"Test metrics ({rows.ToString(CultureInfo.InvariantCulture)} rows): MAE {Show(metrics.MeanAbsoluteError)}, MSE {Show(metrics.MeanSquaredError)}, " +
        $"RMSE {Show(metrics.RootMeanSquaredError)}, R² {Show(metrics.RSquared)}";

    static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
