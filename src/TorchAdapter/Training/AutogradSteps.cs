using Functional.Domain.Data;
using Functional.Domain.Metrics;
using Functional.TorchAdapter.Tensors;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// Training through libtorch's autograd: a seeded module, its optimiser and the split's tensors on the device. What an
/// epoch does is the subclass's; evaluating, reading the parameters and predicting are shared. Every step and every
/// evaluation runs inside its own dispose scope, so the epoch's temporaries are freed when it ends.
/// </summary>
public abstract class AutogradSteps : ITrainingSteps
{
    protected ModelSpec Spec { get; }
    protected ModelModule Module { get; }
    protected TrainingTensors Data { get; }
    protected optim.Optimizer Optimizer { get; }
    protected Func<Tensor, Tensor, Tensor> Loss { get; }

    /// <summary>The loss summed over the samples, for splits taken in blocks of <see cref="BlockRows"/>.</summary>
    protected Func<Tensor, Tensor, Tensor> SummedLoss { get; }

    /// <summary>Rows per block (<see cref="RowChunks"/>); a split of at most this many rows is taken whole.</summary>
    protected long BlockRows { get; }

    protected AutogradSteps(ModelSpec spec, ModelModule module, TrainingTensors data, TrainingConfig config)
    {
        (Spec, Module, Data) = (spec, module, data);
        Optimizer = Optimizers.For(config.Optimizer, module.parameters(), config.LearningRate);
        Loss = Losses.For(config.Loss);
        SummedLoss = Losses.Summed(config.Loss);
        BlockRows = RowChunks.RowsFor(module, data.TrainX.shape[1]);
    }

    /// <summary>The seeded module (drawn as the notebook draws it) and the split's tensors, moved to the device.</summary>
    protected sealed record Prepared(ModelModule Module, TrainingTensors Data);

    protected static Fin<Prepared> Prepare(TorchModel model, DatasetSplit split, long seed, ComputeDevice device) =>
        ModelFailures.Guard(model.Spec, () =>
        {
            var module = SeededModels.Create(model, seed);
            try
            {
                module.to(device.Device);
                return new Prepared(module, TrainingTensors.From(split, device.Device));
            }
            catch
            {
                module.Dispose();
                throw;
            }
        });

    public abstract Fin<double> TrainEpoch();

    /// <summary>
    /// One forward pass over the test split gives both the loss (libtorch's) and the predictions the metrics are computed
    /// from. A test split of more than <see cref="BlockRows"/> rows is passed in blocks, each in its own dispose scope:
    /// the loss is the blocks' sums added up in double and divided by the count (as <c>total += loss_fn_sum(...).item()</c>),
    /// and the metrics' residual sums go on block by block, so no prediction outlives its block.
    /// </summary>
    public Fin<Evaluation> Evaluate() => ModelFailures.Guard(Spec, () =>
    {
        var count = Data.TestX.shape[0];
        if (count > BlockRows) return EvaluateInBlocks(count);
        using var scope = NewDisposeScope();
        Module.eval();
        using var inference = inference_mode();
        var predictions = Module.call(Data.TestX);
        var loss = Loss(predictions, Data.TestY).item<float>();
        return new Evaluation(loss, RegressionMetrics.Of(TensorValues.FloatsOf(predictions), Data.TestTargets.Span));
    });

    Evaluation EvaluateInBlocks(long count)
    {
        Module.eval();
        var (sum, residuals) = (0.0, ResidualSums.Zero);
        foreach (var (start, length) in RowChunks.Of(count, BlockRows))
        {
            using var scope = NewDisposeScope();
            using var inference = inference_mode();
            var predictions = Module.call(Data.TestX.narrow(0, start, length));
            sum += SummedLoss(predictions, Data.TestY.narrow(0, start, length)).item<float>();
            residuals = residuals.Add(TensorValues.FloatsOf(predictions), Data.TestTargets.Span.Slice((int)start, (int)length));
        }
        return new Evaluation((float)(sum / count), RegressionMetrics.Of(residuals, Data.TestTargets.Span));
    }

    public Fin<StateDict> StateDict() => ModelFailures.Guard(Spec, Module.ToStateDict);

    public Fin<Floats> PredictTest() => Predictions.Of(Spec, Module, Data.TestX);

    public Fin<LanguageExt.Unit> SetLearningRate(double rate) => ModelFailures.Guard(Spec, () =>
    {
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = rate;
        return LanguageExt.Unit.Default;
    });

    public Fin<LanguageExt.Unit> LoadStateDict(StateDict stateDict) =>
        ModelFailures.Guard(Spec, () => Module.LoadStateDict(stateDict)).Bind(loaded => loaded.Match(
            Succ: done => Fin<LanguageExt.Unit>.Succ(done), Fail: errors => Fin<LanguageExt.Unit>.Fail(LanguageExt.Common.Error.Many(errors))));

    public Fin<StepsState> Save() => ModelFailures.Guard(Spec, () => new StepsState(
        Module.ToStateDict(), OptimizerStates.Save(Optimizer, Module.parameters().Select(p => ParameterShape(p)).ToSeq().Strict()), GeneratorState()));

    public Fin<LanguageExt.Unit> Restore(StepsState state) =>
        LoadStateDict(state.Model).Bind(_ => ModelFailures.Guard(Spec, () =>
        {
            var restored = OptimizerStates.Restore(Optimizer, state.Optimizer);
            if (restored.IsSucc) state.Generator.Iter(RestoreGenerator);
            return restored;
        }).Bind(done => done));

    static Seq<long> ParameterShape(TorchSharp.Modules.Parameter parameter) => parameter.shape.ToSeq().Strict();

    /// <summary>The mini-batch generator's state, where there is one.</summary>
    protected virtual Option<byte[]> GeneratorState() => Option<byte[]>.None;

    protected virtual void RestoreGenerator(byte[] state)
    {
    }

    public void Dispose()
    {
        Release();
        Optimizer.Dispose();
        Data.Dispose();
        Module.Dispose();
    }

    /// <summary>Frees what a subclass holds besides the module, optimiser and tensors.</summary>
    protected virtual void Release()
    {
    }
}
