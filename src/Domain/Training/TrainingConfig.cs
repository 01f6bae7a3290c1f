using Functional.Domain.Training.Schedules;

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

    /// <summary>The learning-rate scheduler (<see cref="ScheduleSpec.Constant"/>: none).</summary>
    public ScheduleSpec Schedule { get; }

    /// <summary>Early stopping and keeping the best weights, both watching the test loss at evaluations.</summary>
    public MonitorSpec Monitor { get; }

    internal TrainingConfig(int epochs, double learningRate, int evalEvery, long seed, LossKind loss, OptimizerKind optimizer, StepKind step,
        ScheduleSpec schedule, MonitorSpec monitor) =>
        (Epochs, LearningRate, EvalEvery, Seed, Loss, Optimizer, Step, Schedule, Monitor) =
        (epochs, learningRate, evalEvery, seed, loss, optimizer, step, schedule, monitor);

    public bool IsEvaluationEpoch(int epoch) => epoch % EvalEvery == 0;
}
