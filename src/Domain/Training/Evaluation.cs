using Functional.Domain.Metrics;

namespace Functional.Domain.Training;

/// <summary>The model on the test split at one moment: the training loss function's value there, and the regression metrics.</summary>
public sealed record Evaluation(float Loss, RegressionMetrics Metrics);
