using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.Domain.Training;

/// <summary>The notebook's training loop as a function from a split, a config and a model kind to a trained-model record.</summary>
public static class Trainer
{
    public static Fin<TrainedModel> Train(DatasetSplit split, TrainingConfig config, ModelKind kind, Device device)
    {
        manual_seed(config.Seed);
        using var model = kind.Create();
        model.to(device);
        var initial = model.ToStateDict();

        using var inputs = TrainingTensors.From(split, device);
        using var optimizer = Optimizers.For(config.Optimizer, model.parameters(), config.LearningRate);
        var loss = Losses.For(config.Loss);

        var log = new List<EpochLog>();
        for (var epoch = 0; epoch < config.Epochs; epoch++)
        {
            using var scope = NewDisposeScope();
            model.train();
            var trainLoss = loss(model.call(inputs.TrainX), inputs.TrainY);
            optimizer.zero_grad();
            trainLoss.backward();
            optimizer.step();

            var trainValue = trainLoss.item<float>();
            if (!float.IsFinite(trainValue))
                return FinFail<TrainedModel>(Error.New(
                    $"training stopped at epoch {epoch}: the training loss is {Describe(trainValue)}; try a smaller --lr (now {config.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));

            if (epoch % config.EvalEvery == 0)
                log.Add(new EpochLog(epoch, trainValue, Evaluate(model, inputs, loss)));
        }

        return FinSucc(new TrainedModel(kind.Key, initial, model.ToStateDict(), toSeq(log).Strict(), Predict(model, inputs.TestX)));
    }

    /// <summary>Predictions in inference mode (no autograd graph), as <c>model.eval(); with torch.inference_mode()</c>.</summary>
    public static Seq<float> Predict(ModelModule model, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        model.eval();
        using var inference = inference_mode();
        return toSeq(model.call(inputs).cpu().data<float>().ToArray()).Strict();
    }

    static float Evaluate(ModelModule model, TrainingTensors inputs, Func<Tensor, Tensor, Tensor> loss)
    {
        model.eval();
        using var inference = inference_mode();
        return loss(model.call(inputs.TestX), inputs.TestY).item<float>();
    }

    static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "infinite" : "-infinite";
}
