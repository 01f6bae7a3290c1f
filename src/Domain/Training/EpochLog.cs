using Functional.Domain.Metrics;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>One evaluated epoch: the training loss of that epoch's step, the test loss after it and the test metrics.</summary>
public sealed record EpochLog(int Epoch, float TrainLoss, float TestLoss)
{
    /// <summary>MAE, MSE, RMSE and R² on the test split after this epoch's step.</summary>
    public Option<RegressionMetrics> Metrics { get; init; }
}
