using Functional.Domain.Data;
using Functional.Domain.Metrics;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;

namespace Functional.Domain.Workflow;

/// <summary>Everything the notebook computes before saving: the data, its split, the model and the trained model.</summary>
public sealed record WorkflowResult(RunSettings Settings, Dataset Dataset, DatasetSplit Split, ModelSpec Model, TrainedModel Trained)
{
    /// <summary>MAE, MSE, RMSE and R² of the trained model's test predictions: the metrics at the end of training.</summary>
    public RegressionMetrics TestMetrics => RegressionMetrics.Of(Trained.TestPredictions.Span, Split.Test.Y.Span);
}
