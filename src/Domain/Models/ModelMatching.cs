using Functional.Domain.Tensors;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Models;

/// <summary>Which declared model a state_dict belongs to: the one whose keys and shapes it matches exactly.</summary>
public static class ModelMatching
{
    public static Option<ModelSpec> ModelOf(StateDict stateDict, Seq<ModelSpec> models) =>
        models.Find(model => StateDictCheck.Against(model.StateDict, stateDict).IsSuccess);

    /// <summary>When nothing fits, the problems are named against the closest model, as PyTorch's strict load names them.</summary>
    public static Fin<ModelSpec> RequireModel(StateDict stateDict, Seq<ModelSpec> models, string path) =>
        ModelOf(stateDict, models).Match(FinSucc, () => FinFail<ModelSpec>(Closest(stateDict, models)
            .Map(model => Error.New($"'{path}' does not fit {model.ClassName} (--model {model.Key}): " +
                string.Join("; ", StateDictCheck.Against(model.StateDict, stateDict).Match(Succ: _ => Seq<string>(), Fail: e => e.Map(x => x.Message)))))
            .IfNone(Error.New($"'{path}' holds no parameters any declared model has"))));

    static Option<ModelSpec> Closest(StateDict stateDict, Seq<ModelSpec> models) =>
        models.Filter(m => m.StateDict.Keys.Exists(k => stateDict.Find(k).IsSome))
            .OrderByDescending(m => m.StateDict.Keys.Count(k => stateDict.Find(k).IsSome))
            .HeadOrNone();
}
