using Functional.Domain.Tensors;
using Functional.Domain.Training.Schedules;
using LanguageExt;

namespace Functional.Domain.Training.Checkpoints;

/// <summary>
/// Everything training needs to go on exactly where it stopped, as the dictionary of PyTorch's "saving and loading a
/// general checkpoint" recipe holds it: <see cref="Epoch"/> epochs completed (so training resumes at that epoch index),
/// the model's and the optimiser's state_dicts, the last epoch's training loss, the scheduler's state_dict, the
/// mini-batch generator's state, and what early stopping had seen.
/// </summary>
public sealed record Checkpoint(
    int Epoch,
    StepsState Steps,
    double Loss,
    LearningRateScheduler Scheduler,
    TestLossMonitor Monitor,
    Option<BestWeights> Best);

/// <summary>What the steps hold between epochs: the parameters, the optimiser's state and, for mini-batches, the DataLoader generator's.</summary>
public sealed record StepsState(StateDict Model, OptimizerState Optimizer, Option<byte[]> Generator);

/// <summary>The best evaluation so far and, under --restore-best, its weights.</summary>
public sealed record BestWeights(EpochLog Log, Option<StateDict> Weights);

/// <summary>
/// <c>optimizer.state_dict()</c> of PyTorch 1.13 for one parameter group: the group's learning rate (and
/// <c>initial_lr</c>, which an epoch-wise scheduler adds), and per parameter, in order, what the optimiser keeps.
/// </summary>
public sealed record OptimizerState(OptimizerKind Kind, double LearningRate, Option<double> InitialLearningRate, Seq<ParameterState> Parameters);

/// <summary>One parameter's optimiser state.</summary>
public abstract record ParameterState
{
    ParameterState() { }

    /// <summary>SGD without momentum: <c>{'momentum_buffer': None}</c> once it has stepped.</summary>
    public sealed record Sgd : ParameterState;

    /// <summary>Adam: the step count (a float32 0-d tensor in 1.13) and both moment estimates.</summary>
    public sealed record Adam(long Step, ParameterValues ExpAvg, ParameterValues ExpAvgSq) : ParameterState;
}
