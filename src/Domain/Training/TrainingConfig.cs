namespace Functional.Domain.Training;

public enum LossKind { L1, Mse }

public enum OptimizerKind { Sgd, Adam }

/// <summary>How to train: the notebook's values are <see cref="Notebook"/>.</summary>
public sealed record TrainingConfig(int Epochs, double LearningRate, int EvalEvery, long Seed, LossKind Loss, OptimizerKind Optimizer)
{
    /// <summary>
    /// Mini-batch size; None (the notebook's way) trains on the whole training split at once. A batch at least as large
    /// as the training split is the same as None.
    /// </summary>
    public LanguageExt.Option<int> BatchSize { get; init; } = LanguageExt.Option<int>.None;

    /// <summary>Train the notebook's linear model with analytic gradients in one pass per epoch (see FusedLinearTraining).</summary>
    public bool Fused { get; init; }

    /// <summary>300 epochs of L1 loss and SGD at lr 0.01, test loss every 20 epochs, seed 42.</summary>
    public static TrainingConfig Notebook { get; } = new(300, 0.01, 20, 42, LossKind.L1, OptimizerKind.Sgd);
}
