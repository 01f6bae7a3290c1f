namespace Functional.Domain.Training;

/// <summary>
/// One evaluated epoch: the training loss of that epoch's steps (a Python float, see <see cref="ITrainingSteps.TrainEpoch"/>)
/// and the test loss after them (the float32 loss of one forward pass over the test split); the learning rate the epoch's
/// steps used (param_group['lr'], a Python float).
/// </summary>
public sealed record EpochLog(int Epoch, double TrainLoss, float TestLoss, double LearningRate);
