namespace Functional.Domain.Training;

public enum LossKind { L1, Mse }

public enum OptimizerKind { Sgd, Adam }

/// <summary>How to train, already checked: only <see cref="Settings.RunSettings.Create"/> builds one.</summary>
public sealed record TrainingConfig
{
    public int Epochs { get; }
    public double LearningRate { get; }
    public int EvalEvery { get; }
    public long Seed { get; }
    public LossKind Loss { get; }
    public OptimizerKind Optimizer { get; }
    public StepKind Step { get; }

    internal TrainingConfig(int epochs, double learningRate, int evalEvery, long seed, LossKind loss, OptimizerKind optimizer, StepKind step) =>
        (Epochs, LearningRate, EvalEvery, Seed, Loss, Optimizer, Step) = (epochs, learningRate, evalEvery, seed, loss, optimizer, step);

    public bool IsEvaluationEpoch(int epoch) => epoch % EvalEvery == 0;
}
