using Functional.Domain.Data;
using Functional.Domain.Tensors;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;

namespace Functional.Domain.Training;

/// <summary>
/// What a way of training does for the one loop (<see cref="TrainingLoop"/>): the arithmetic of an epoch, an evaluation,
/// the parameters and the predictions. The loop owns every rule (how many epochs, when to evaluate, when to stop);
/// a step that fails (a model that cannot run, say) returns the failure instead of throwing.
/// </summary>
public interface ITrainingSteps : IDisposable
{
    /// <summary>
    /// One epoch of parameter updates on the training split, and its training loss as a Python float: <c>loss.item()</c>
    /// of the one batch, or the sample-weighted mean of the mini-batches' <c>loss.item()</c>, summed in double.
    /// </summary>
    Fin<double> TrainEpoch();

    /// <summary>The loss and the regression metrics on the test split with the current parameters; inference only, so it changes nothing that follows.</summary>
    Fin<Evaluation> Evaluate();

    /// <summary>The current parameters, detached.</summary>
    Fin<StateDict> StateDict();

    /// <summary>The predictions for the test inputs with the current parameters.</summary>
    Fin<Floats> PredictTest();

    /// <summary>Sets the optimiser's learning rate (param_group['lr'] = rate) for the steps that follow.</summary>
    Fin<Unit> SetLearningRate(double rate);

    /// <summary>Puts <paramref name="stateDict"/> (of this model's keys and shapes) into the parameters, as <c>load_state_dict</c>.</summary>
    Fin<Unit> LoadStateDict(StateDict stateDict);

    /// <summary>The parameters, the optimiser's state and the mini-batch generator's, as a checkpoint keeps them.</summary>
    Fin<StepsState> Save();

    /// <summary>Puts a checkpoint's parameters, optimiser state and generator state in place, as the recipe's load_state_dict calls do.</summary>
    Fin<Unit> Restore(StepsState state);
}
