namespace Functional.Domain.Training;

/// <summary>One evaluated epoch: the training loss of that epoch's step and the test loss after it.</summary>
public sealed record EpochLog(int Epoch, float TrainLoss, float TestLoss);
