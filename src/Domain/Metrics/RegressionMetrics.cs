namespace Functional.Domain.Metrics;

/// <summary>
/// How far predictions are from their targets, as scikit-learn's <c>mean_absolute_error</c>, <c>mean_squared_error</c>
/// (and its square root) and <c>r2_score</c> define them. The inputs are float32, as the model gives them; each
/// residual is taken in double (exact for two float32 values of like size) and every sum is accumulated in double, so
/// the figures do not depend on the data's size the way float32 running sums would. R² of constant targets is
/// scikit-learn's choice (<c>force_finite=True</c>): 1 when the predictions are exact, 0 otherwise.
/// </summary>
public sealed record RegressionMetrics(double MeanAbsoluteError, double MeanSquaredError, double RootMeanSquaredError, double RSquared)
{
    public static RegressionMetrics Of(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length || targets.Length == 0)
            throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets: metrics need one prediction per target, and at least one");
        return Of(ResidualSums.Zero.Add(predictions, targets), targets);
    }

    /// <summary>
    /// The metrics from residual sums accumulated block by block over all of <paramref name="targets"/>, in order (the same
    /// figures as <see cref="Of(ReadOnlySpan{float}, ReadOnlySpan{float})"/> on the whole predictions), so predictions
    /// made in blocks need not be held together.
    /// </summary>
    public static RegressionMetrics Of(ResidualSums residuals, ReadOnlySpan<float> targets)
    {
        if (residuals.Count != targets.Length || targets.Length == 0)
            throw new ArgumentException($"{residuals.Count} predictions for {targets.Length} targets: metrics need one prediction per target, and at least one");
        double targetSum = 0;
        for (var i = 0; i < targets.Length; i++) targetSum += targets[i];
        var mean = targetSum / targets.Length;
        double spread = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var deviation = targets[i] - mean;
            spread += deviation * deviation;
        }
        var squared = residuals.Squared;
        var mse = squared / targets.Length;
        var r2 = spread == 0 ? (squared == 0 ? 1.0 : 0.0) : 1 - squared / spread;
        return new RegressionMetrics(residuals.Absolute / targets.Length, mse, Math.Sqrt(mse), r2);
    }
}

/// <summary>Running sums of absolute and squared residuals (in double, in sample order) over the predictions seen so far.</summary>
public readonly record struct ResidualSums(long Count, double Absolute, double Squared)
{
    public static ResidualSums Zero => default;

    /// <summary>These sums continued over one more block of predictions and their targets.</summary>
    public ResidualSums Add(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets: a block needs one prediction per target");
        var (absolute, squared) = (Absolute, Squared);
        for (var i = 0; i < targets.Length; i++)
        {
            var residual = (double)targets[i] - predictions[i];
            absolute += Math.Abs(residual);
            squared += residual * residual;
        }
        return new ResidualSums(Count + targets.Length, absolute, squared);
    }
}
