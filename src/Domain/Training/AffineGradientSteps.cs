using Functional.Domain.Data;
using Functional.Domain.Metrics;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training.Checkpoints;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// <c>weight * x + bias</c> trained with analytic gradients in one pass over the data per epoch, instead of autograd's
/// graph of n-sized temporaries (<c>--fused</c>). L1: dL/dw = mean(sign(r) x), dL/db = mean(sign(r)); MSE:
/// dL/dw = mean(2 r x), dL/db = mean(2 r), with r = w x + b - y; then the plain SGD step. Each residual is computed in
/// float32 exactly as PyTorch computes it; sums are accumulated in double, so results agree with autograd to float
/// rounding (autograd sums in float, in another order), not bit for bit. The parameter names come from the model's
/// <see cref="AffineForm"/>. A large split is summed on two cores (<see cref="AffinePass"/>) with the same result as on one.
/// </summary>
public sealed class AffineGradientSteps : ITrainingSteps
{
    readonly DatasetSplit split;
    readonly AffineForm form;
    readonly StateDict initial;
    readonly LossKind loss;
    float learningRate;
    readonly PassHelper? helper;
    float weight;
    float bias;

    public AffineGradientSteps(DatasetSplit split, TrainingConfig config, AffineForm form, StateDict initial)
    {
        (this.split, this.form, this.initial) = (split, form, initial);
        (loss, learningRate) = (config.Loss, (float)config.LearningRate);
        weight = Scalar(initial, form.WeightKey);
        bias = Scalar(initial, form.BiasKey);
        helper = AffinePass.OnTwoCores(split.Train.Count) ? new PassHelper() : null;
    }

    public Fin<double> TrainEpoch()
    {
        var pass = AffinePass.Run(split.Train.X.Memory, split.Train.Y.Memory, weight, bias, loss, helper);
        weight -= learningRate * pass.WeightGradient;
        bias -= learningRate * pass.BiasGradient;
        return (double)pass.Loss;
    }

    public Fin<Evaluation> Evaluate() =>
        PredictTest().Map(predictions => new Evaluation(
            AffinePass.Run(split.Test.X.Memory, split.Test.Y.Memory, weight, bias, loss, AffinePass.OnTwoCores(split.Test.Count) ? helper : null).Loss,
            RegressionMetrics.Of(predictions.Span, split.Test.Y.Span)));

    /// <summary>The initial state_dict with the two trained values in place, so the keys keep the module's order.</summary>
    public Fin<StateDict> StateDict() => new StateDict(initial.Entries.Map(entry =>
        entry.Key == form.WeightKey ? entry with { Value = ParameterValues.Scalar(weight) }
        : entry.Key == form.BiasKey ? entry with { Value = ParameterValues.Scalar(bias) }
        : entry).Strict());

    public Fin<Floats> PredictTest()
    {
        var inputs = split.Test.X.Span;
        var predictions = new float[inputs.Length];
        for (var i = 0; i < predictions.Length; i++) predictions[i] = AffinePass.Predict(weight, bias, inputs[i]);
        return Floats.Of(predictions);
    }

    /// <summary>SGD casts the group's rate to the parameters' float32 when it steps, as this keeps it.</summary>
    public Fin<Unit> SetLearningRate(double rate)
    {
        learningRate = (float)rate;
        return unit;
    }

    public Fin<Unit> LoadStateDict(StateDict stateDict)
    {
        (weight, bias) = (Scalar(stateDict, form.WeightKey), Scalar(stateDict, form.BiasKey));
        return unit;
    }

    /// <summary>Plain SGD keeps <c>{'momentum_buffer': None}</c> per parameter once it has stepped; there is no generator.</summary>
    public Fin<StepsState> Save() => StateDict().Map(model => new StepsState(model,
        new OptimizerState(OptimizerKind.Sgd, learningRate, None, model.Entries.Map(_ => (ParameterState)new ParameterState.Sgd()).Strict()),
        None));

    public Fin<Unit> Restore(StepsState state) =>
        state.Optimizer.Kind != OptimizerKind.Sgd
            ? FinFail<Unit>(LanguageExt.Common.Error.New("--fused trains with SGD; the checkpoint holds another optimizer's state"))
            : LoadStateDict(state.Model).Bind(_ => SetLearningRate(state.Optimizer.LearningRate));

    public void Dispose() => helper?.Dispose();

    static float Scalar(StateDict state, string key) => state.Find(key).Bind(v => v.Data.HeadOrNone()).IfNone(0f);
}
