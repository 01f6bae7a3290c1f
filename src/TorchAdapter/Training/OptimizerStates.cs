using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.TorchAdapter.Tensors;
using LanguageExt;
using LanguageExt.Common;
using TorchSharp;
using Adam = TorchSharp.Modules.Adam;
using OptimizerState = Functional.Domain.Training.Checkpoints.OptimizerState;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// The optimiser's state as <c>optimizer.state_dict()</c> holds it, read from and written into TorchSharp's live
/// per-parameter state objects (TorchSharp's own state_dict hands those out; it has no PyTorch-shaped form).
/// </summary>
internal static class OptimizerStates
{
    public static OptimizerState Save(optim.Optimizer optimizer, Seq<Seq<long>> shapes)
    {
        var rate = optimizer.ParamGroups.First().LearningRate;
        return optimizer switch
        {
            Adam adam => new OptimizerState(OptimizerKind.Adam, rate, None,
                toSeq(adam.state_dict().State.Cast<Adam.State>()).Zip(shapes)
                    .Map(pair => (ParameterState)new ParameterState.Adam(pair.Item1.step,
                        Values(pair.Item1.exp_avg, pair.Item2), Values(pair.Item1.exp_avg_sq, pair.Item2)))
                    .Strict()),
            _ => new OptimizerState(OptimizerKind.Sgd, rate, None, shapes.Map(_ => (ParameterState)new ParameterState.Sgd()).Strict()),
        };
    }

    /// <summary>As <c>optimizer.load_state_dict</c>: the group's rate and each parameter's state, in parameter order.</summary>
    public static Fin<LanguageExt.Unit> Restore(optim.Optimizer optimizer, OptimizerState state)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = state.LearningRate;
        if (optimizer is not Adam adam)
            return state.Kind == OptimizerKind.Sgd ? unit : FinFail<LanguageExt.Unit>(Error.New("the checkpoint holds Adam's state; this run uses SGD"));
        if (state.Kind != OptimizerKind.Adam) return FinFail<LanguageExt.Unit>(Error.New("the checkpoint holds SGD's state; this run uses Adam"));
        var live = adam.state_dict().State.Cast<Adam.State>().ToList();
        using var noGrad = no_grad();
        foreach (var (target, saved) in live.Zip(state.Parameters))
        {
            if (saved is not ParameterState.Adam moments) continue;
            target.step = moments.Step;
            using var expAvg = TensorValues.ToTensor(moments.ExpAvg);
            using var expAvgSq = TensorValues.ToTensor(moments.ExpAvgSq);
            target.exp_avg.copy_(expAvg.reshape(target.exp_avg.shape));
            target.exp_avg_sq.copy_(expAvgSq.reshape(target.exp_avg_sq.shape));
        }
        return unit;
    }

    static ParameterValues Values(Tensor tensor, Seq<long> shape)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return new ParameterValues(shape, toSeq(cpu.data<float>().ToArray()).Strict());
    }
}
