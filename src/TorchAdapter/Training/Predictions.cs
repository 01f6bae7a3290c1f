using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Tensors;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Tensors;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>A model loaded from a state_dict: its predictions and the state_dict it then reports.</summary>
public sealed record Reloaded(Floats Predictions, StateDict StateDict);

/// <summary>Predictions in inference mode (no autograd graph), as <c>model.eval(); with torch.inference_mode()</c>.</summary>
public static class Predictions
{
    /// <summary>
    /// Rows are predicted a block at a time (<see cref="RowChunks"/>, as evaluation goes), each block's temporaries freed
    /// before the next, so predicting a large split costs its result and not the forward pass's n-sized intermediates;
    /// every model predicts each row on its own, so the values are those of one call over all rows.
    /// </summary>
    public static Fin<Floats> Of(ModelSpec spec, ModelModule module, Tensor inputs) => ModelFailures.Guard(spec, () =>
    {
        module.eval();
        using var inference = inference_mode();
        var (rows, blockRows) = (inputs.shape[0], RowChunks.RowsFor(module, inputs.shape[1]));
        if (rows <= blockRows)
        {
            using var scope = NewDisposeScope();
            return Floats.Of(TensorValues.ArrayOf(module.call(inputs)));
        }
        var predictions = LargeArrays.Allocate<float>(checked((int)rows));
        foreach (var (start, length) in RowChunks.Of(rows, blockRows))
        {
            using var scope = NewDisposeScope();
            var block = module.call(inputs.narrow(0, start, length));
            if (block.numel() != length)
                throw new InvalidOperationException($"{spec.Key}'s forward gave {block.numel()} values for {length} rows; a regression model gives one per row");
            TensorValues.FloatsOf(block).CopyTo(predictions.AsSpan((int)start));
        }
        return Floats.Of(predictions);
    });

    /// <summary>
    /// A fresh instance loaded strictly with <paramref name="state"/>, given to <paramref name="use"/> as a function from a
    /// block of row-major <c>[rows, Spec.Features]</c> inputs to their predictions, so a table is predicted block by block
    /// with one module; the module is disposed after.
    /// </summary>
    public static Fin<A> WithLoaded<A>(TorchModel model, StateDict state, ComputeDevice device, Func<Func<float[], int, Fin<float[]>>, Fin<A>> use) =>
        ModelFailures.Guard(model.Spec, model.Create).Bind(module =>
        {
            using (module)
            {
                var features = model.Spec.Features;
                return
                    from loaded in module.LoadStateDict(state).ToFin()
                    from moved in ModelFailures.Guard(model.Spec, () => module.to(device.Device))
                    from result in use((x, rows) =>
                    {
                        using var inputs = TrainingTensors.Matrix(Floats.Of(x).Slice(0, rows * features), rows, features, device.Device);
                        return Of(model.Spec, module, inputs).Map(predicted => predicted.ToArray());
                    })
                    select result;
            }
        });

    /// <summary>
    /// A fresh instance (as <c>LinearRegressionModel()</c> in the notebook), loaded strictly with <paramref name="state"/>,
    /// predicting row-major <c>[n, features]</c> inputs.
    /// </summary>
    public static Fin<Reloaded> OfLoaded(TorchModel model, StateDict state, Floats inputs, int features, ComputeDevice device) =>
        ModelFailures.Guard(model.Spec, model.Create).Bind(module =>
        {
            using (module)
            {
                return
                    from loaded in module.LoadStateDict(state).ToFin()
                    from predictions in ModelFailures.Guard(model.Spec, () => module.to(device.Device)).Bind(_ =>
                    {
                        using var x = TrainingTensors.Matrix(inputs, inputs.Length / features, features, device.Device);
                        return Of(model.Spec, module, x);
                    })
                    from reported in ModelFailures.Guard(model.Spec, module.ToStateDict)
                    select new Reloaded(predictions, reported);
            }
        });
}
