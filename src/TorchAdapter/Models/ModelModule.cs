using Functional.Domain.Tensors;
using Functional.TorchAdapter.Tensors;
using LanguageExt.Common;
using LanguageExt;
using TorchSharp;
using static TorchSharp.torch;

namespace Functional.TorchAdapter.Models;

/// <summary>
/// The base of every generated module: a TorchSharp module whose state_dict is exchanged as immutable values.
/// The source generator writes one subclass per [Model] record.
/// </summary>
public abstract class ModelModule : nn.Module<Tensor, Tensor>
{
    protected ModelModule(string name) : base(name) { }

    public abstract StateDictSpec Spec { get; }

    /// <summary>Detached copies of the parameters, in PyTorch's key order.</summary>
    public abstract StateDict ToStateDict();

    /// <summary>Strict load: refuses missing or unexpected keys and any shape mismatch, naming each.</summary>
    public Validation<Error, Unit> LoadStateDict(StateDict stateDict) =>
        StateDictCheck.Against(Spec, stateDict).Map(checkedDict =>
        {
            using var noGrad = torch.no_grad();
            foreach (var entry in checkedDict.Entries)
            {
                using var source = TensorValues.ToTensor(entry.Value);
                ParameterByKey(entry.Key).copy_(source);
            }
            return Unit.Default;
        });

    protected abstract Tensor ParameterByKey(string key);
}
