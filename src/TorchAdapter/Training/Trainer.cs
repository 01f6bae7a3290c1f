using System.Globalization;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.TorchAdapter.Models;
using LanguageExt.Common;
using LanguageExt;
using TorchSharp;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>The notebook's training loop as a lazy stream of epoch reports, and as a function to a trained-model record.</summary>
public static class Trainer
{
    /// <summary>The whole run folded to its outcome: the same numbers as consuming <see cref="Epochs"/> to its end.</summary>
    public static Fin<TrainedModel> Train(DatasetSplit split, TrainingConfig config, TorchModel model, Device device) =>
        Outcome(Epochs(split, config, model, device));

    /// <summary>The ending of a stream of events; a stream abandoned before its ending has no outcome.</summary>
    public static Fin<TrainedModel> Outcome(IEnumerable<TrainingEvent> events) =>
        events.Aggregate(
            FinFail<TrainedModel>(Error.New("training ended without a result")),
            (outcome, next) => next switch
            {
                TrainingFinished finished => FinSucc(finished.Model),
                TrainingFailed failed => FinFail<TrainedModel>(failed.Error),
                _ => outcome,
            });

    /// <summary>
    /// Trains one epoch per step of the enumeration, so a consumer can show progress or stop between epochs.
    /// The module, optimizer and tensors live as long as the enumeration: stopping early (or finishing) disposes them.
    /// </summary>
    public static IEnumerable<TrainingEvent> Epochs(DatasetSplit split, TrainingConfig config, TorchModel model, Device device)
    {
        return config.Step is StepKind.FusedAffine fused
            ? FusedLinearTraining.Epochs(split, config, model.Spec.Key, fused.Form, InitialParameters(model, config.Seed))
            : AutogradEpochs(split, config, model, device);
    }

    /// <summary>The parameters a seeded model starts from, exactly as the autograd path draws them.</summary>
    static StateDict InitialParameters(TorchModel model, long seed)
    {
        using var module = SeededModels.Create(model, seed);
        return module.ToStateDict();
    }

    static IEnumerable<TrainingEvent> AutogradEpochs(DatasetSplit split, TrainingConfig config, TorchModel model, Device device)
    {
        var module = SeededModels.Create(model, config.Seed);
        TrainingTensors? inputs = null;
        optim.Optimizer? optimizer = null;
        try
        {
            module.to(device);
            var initial = module.ToStateDict();
            inputs = TrainingTensors.From(split, device);
            optimizer = Optimizers.For(config.Optimizer, module.parameters(), config.LearningRate);
            var loss = Losses.For(config.Loss);
            using var shuffling = new Generator((ulong)config.Seed);
            var batchSize = config.Step is StepKind.MiniBatch mini ? Some(mini.Size) : None;

            var log = new List<EpochLog>();
            for (var epoch = 0; epoch < config.Epochs; epoch++)
            {
                var (trainValue, testValue) = batchSize.Match(
                    Some: size => MiniBatchStep(module, optimizer, inputs, loss, size, shuffling, evaluate: epoch % config.EvalEvery == 0),
                    None: () => Step(module, optimizer, inputs, loss, evaluate: epoch % config.EvalEvery == 0));
                if (!float.IsFinite(trainValue))
                {
                    yield return new TrainingFailed(Error.New(
                        $"training stopped at epoch {epoch}: the training loss is {Describe(trainValue)}; try a smaller --lr (now {config.LearningRate.ToString(CultureInfo.InvariantCulture)})"));
                    yield break;
                }
                testValue.IfSome(test => log.Add(new EpochLog(epoch, trainValue, test)));
                yield return new EpochCompleted(epoch, config.Epochs, trainValue, testValue);
            }

            yield return new TrainingFinished(new TrainedModel(model.Spec.Key, initial, module.ToStateDict(), toSeq(log).Strict(), Predict(module, inputs.TestX)));
        }
        finally
        {
            optimizer?.Dispose();
            inputs?.Dispose();
            module.Dispose();
        }
    }

    /// <summary>One optimisation step and, on evaluation epochs, the test loss after it; every tensor made here dies with the epoch's scope.</summary>
    static (float Train, Option<float> Test) Step(ModelModule model, optim.Optimizer optimizer, TrainingTensors inputs, Func<Tensor, Tensor, Tensor> loss, bool evaluate)
    {
        using var scope = NewDisposeScope();
        model.train();
        var trainLoss = loss(model.call(inputs.TrainX), inputs.TrainY);
        optimizer.zero_grad();
        trainLoss.backward();
        optimizer.step();

        var trainValue = trainLoss.item<float>();
        return (trainValue, evaluate && float.IsFinite(trainValue) ? Some(Evaluate(model, inputs, loss)) : None);
    }

    /// <summary>
    /// One pass over the training split in shuffled mini-batches (as <c>DataLoader(shuffle=True)</c> with a generator seeded
    /// once per run): one optimiser step per batch. The reported training loss is the epoch's mean over samples. Each batch
    /// has its own dispose scope, so memory is bounded by the batch size, not the dataset size.
    /// </summary>
    static (float Train, Option<float> Test) MiniBatchStep(ModelModule model, optim.Optimizer optimizer, TrainingTensors inputs,
        Func<Tensor, Tensor, Tensor> loss, int batchSize, Generator shuffling, bool evaluate)
    {
        var count = inputs.TrainX.shape[0];
        using var order = randperm(count, generator: shuffling, device: inputs.TrainX.device);
        model.train();
        var weightedSum = 0.0;
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var indices = order.narrow(0, start, Math.Min(batchSize, count - start));
            var batchLoss = loss(model.call(inputs.TrainX.index_select(0, indices)), inputs.TrainY.index_select(0, indices));
            optimizer.zero_grad();
            batchLoss.backward();
            optimizer.step();
            weightedSum += (double)batchLoss.item<float>() * indices.shape[0];
        }
        var trainValue = (float)(weightedSum / count);
        return (trainValue, evaluate && float.IsFinite(trainValue) ? Some(Evaluate(model, inputs, loss)) : None);
    }

    /// <summary>Predictions in inference mode (no autograd graph), as <c>model.eval(); with torch.inference_mode()</c>.</summary>
    public static Floats Predict(ModelModule model, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        model.eval();
        using var inference = inference_mode();
        return Floats.Of(model.call(inputs).cpu().data<float>().ToArray());
    }

    static float Evaluate(ModelModule model, TrainingTensors inputs, Func<Tensor, Tensor, Tensor> loss)
    {
        model.eval();
        using var inference = inference_mode();
        return loss(model.call(inputs.TestX), inputs.TestY).item<float>();
    }

    static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "infinite" : "-infinite";
}
