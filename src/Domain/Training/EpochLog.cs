using Functional.Domain.Metrics;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// One evaluated epoch: the training loss of that epoch's steps (a Python float, see <see cref="ITrainingSteps.TrainEpoch"/>),
/// the test loss after them (the float32 loss of one forward pass over the test split), the learning rate the epoch's
/// steps used (param_group['lr'], a Python float) and the test metrics.
/// </summary>
public sealed record EpochLog(int Epoch, double TrainLoss, float TestLoss, double LearningRate)
{
    /// <summary>MAE, MSE, RMSE and R² on the test split after this epoch's steps.</summary>
    public Option<RegressionMetrics> Metrics { get; init; }
}
