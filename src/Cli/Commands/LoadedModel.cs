using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>Which declared model a state_dict belongs to: the one whose keys and shapes it matches exactly.</summary>
public static class LoadedModel
{
    public static Option<ModelKind> KindOf(StateDict stateDict, Seq<ModelKind> models) =>
        models.Find(kind => StateDictCheck.Against(kind.Spec, stateDict).IsSuccess);

    /// <summary>When nothing fits, the problems are named against the closest model, as PyTorch's strict load names them.</summary>
    public static Fin<ModelKind> RequireKind(StateDict stateDict, Seq<ModelKind> models, string path) =>
        KindOf(stateDict, models).Match(FinSucc, () => FinFail<ModelKind>(Closest(stateDict, models)
            .Map(kind => Error.New($"'{path}' does not fit {kind.ClassName} (--model {kind.Key}): " +
                string.Join("; ", StateDictCheck.Against(kind.Spec, stateDict).Match(Succ: _ => Seq<string>(), Fail: e => e.Map(x => x.Message)))))
            .IfNone(Error.New($"'{path}' holds no parameters any declared model has"))));

    static Option<ModelKind> Closest(StateDict stateDict, Seq<ModelKind> models) =>
        models.Filter(m => m.Spec.Keys.Exists(k => stateDict.Find(k).IsSome))
            .OrderByDescending(m => m.Spec.Keys.Count(k => stateDict.Find(k).IsSome))
            .HeadOrNone();
}
