namespace Functional.Domain.Training;

public enum LossKind { L1, Mse }

public enum OptimizerKind { Sgd, Adam }

/// <summary>How to train: the notebook's values are <see cref="Notebook"/>.</summary>
public sealed record TrainingConfig(int Epochs, double LearningRate, int EvalEvery, long Seed, LossKind Loss, OptimizerKind Optimizer)
{
    /// <summary>300 epochs of L1 loss and SGD at lr 0.01, test loss every 20 epochs, seed 42.</summary>
    public static TrainingConfig Notebook { get; } = new(300, 0.01, 20, 42, LossKind.L1, OptimizerKind.Sgd);
}
