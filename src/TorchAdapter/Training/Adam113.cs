using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Training;

/// <summary>
/// <c>torch.optim.Adam(params, lr)</c> of PyTorch 1.13 (defaults, single-tensor path), bit for bit: TorchSharp's own Adam
/// step, with <c>exp_avg_sq.sqrt()</c> taken in float64 and rounded to float32.
/// </summary>
public sealed class Adam113(IEnumerable<Parameter> parameters, double learningRate) : Adam(parameters, learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (beta1, beta2, eps, lr) = (options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.LearningRate!.Value);
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(beta1).add_(grad, alpha: 1 - beta1);
            state.exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value: 1 - beta2);
            // libtorch 2.10's float32 sqrt (MKL vsSqrt) is 1 ulp off for ~17% of inputs; 1.13's is correctly rounded, as this is.
            using var root = state.exp_avg_sq.to(ScalarType.Float64).sqrt_().to(ScalarType.Float32);
            using var denominator = (root / Math.Sqrt(biasCorrection2)).add_(eps);
            param.addcdiv_(state.exp_avg, denominator, value: -(lr / biasCorrection1));
        }
    }, closure);
}
