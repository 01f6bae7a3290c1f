using Functional.Domain.Tensors;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Models;

/// <summary>
/// Which declared model a state_dict belongs to: one whose keys and shapes it matches exactly. A model sized by the
/// data (<see cref="InputWidth.FromData"/>) fits at the feature count the file's shapes give it. A file does not always
/// say which model wrote it, and several models can share a layout, so the choice is made in this order: the model the
/// user named (<c>--as</c>), the one the file names (our safetensors files record it), the only one that fits;
/// otherwise the candidates are listed.
/// </summary>
public static class ModelMatching
{
    /// <summary>Every declared model the state_dict fits, each at the width it fits at, in declaration order.</summary>
    public static Seq<ModelSpec> Fitting(StateDict stateDict, Seq<ModelSpec> models) =>
        models.Choose(model => Widths(model, stateDict).Map(model.For).Find(spec => Fits(spec, stateDict))).Strict();

    /// <summary>The one model the state_dict is for, when that can be decided without asking the user.</summary>
    public static Option<ModelSpec> ModelOf(StateDict stateDict, Seq<ModelSpec> models, Option<string> recordedKey = default) =>
        Decide(Fitting(stateDict, models), recordedKey).ToOption();

    /// <param name="chosenKey">The model the user named (<c>--as KEY</c>).</param>
    /// <param name="recordedKey">The model the file names, if it names one.</param>
    public static Fin<ModelSpec> RequireModel(StateDict stateDict, Seq<ModelSpec> models, string path, Option<string> chosenKey = default,
        Option<string> recordedKey = default) =>
        chosenKey.Match(
            Some: key => Chosen(stateDict, models, path, key),
            None: () => Fitting(stateDict, models) switch
            {
                { IsEmpty: true } => FinFail<ModelSpec>(NothingFits(stateDict, models, path)),
                var fitting => Decide(fitting, recordedKey).Match(Succ: FinSucc, Fail: _ => FinFail<ModelSpec>(Ambiguous(fitting, path))),
            });

    /// <summary>What <c>inspect</c> says about the model: its one model, or the candidates to choose from with --as.</summary>
    public static Either<Seq<ModelSpec>, ModelSpec> Describe(StateDict stateDict, Seq<ModelSpec> models, Option<string> chosenKey, Option<string> recordedKey)
    {
        var fitting = Fitting(stateDict, models);
        var chosen = chosenKey.Bind(key => fitting.Find(model => model.Key == key));
        return chosen.Match(
            Some: Right<Seq<ModelSpec>, ModelSpec>,
            None: () => Decide(fitting, recordedKey).Match(Succ: Right<Seq<ModelSpec>, ModelSpec>, Fail: _ => Left<Seq<ModelSpec>, ModelSpec>(fitting)));
    }

    static Fin<ModelSpec> Decide(Seq<ModelSpec> fitting, Option<string> recordedKey) =>
        recordedKey.Bind(key => fitting.Find(model => model.Key == key))
            .Match(
                Some: FinSucc,
                None: () => fitting.Count == 1 ? FinSucc(fitting.Head) : FinFail<ModelSpec>(Error.New("not one model")));

    static Fin<ModelSpec> Chosen(StateDict stateDict, Seq<ModelSpec> models, string path, string key) =>
        models.Find(model => model.Key == key).Match(
            None: () => FinFail<ModelSpec>(Error.New($"--as '{key}' is not a declared model; choose one of: {string.Join(", ", models.Map(m => m.Key))}")),
            Some: model => Widths(model, stateDict).Map(model.For).Find(spec => Fits(spec, stateDict)).Match(
                Some: FinSucc,
                None: () => FinFail<ModelSpec>(DoesNotFit(stateDict, model, path))));

    static Error Ambiguous(Seq<ModelSpec> fitting, string path) =>
        Error.New($"'{path}' fits {fitting.Count} declared models ({string.Join(", ", fitting.Map(m => $"{m.Key}: {m.ClassName}"))}) " +
                  $"and does not say which; choose one with --as, e.g. --as {fitting.Head.Key}");

    /// <summary>When nothing fits, the problems are named against the closest model, as PyTorch's strict load names them.</summary>
    static Error NothingFits(StateDict stateDict, Seq<ModelSpec> models, string path) =>
        Closest(stateDict, models)
            .Map(model => DoesNotFit(stateDict, model, path))
            .IfNone(Error.New($"'{path}' holds no parameters any declared model has"));

    static Error DoesNotFit(StateDict stateDict, ModelSpec model, string path)
    {
        var spec = Widths(model, stateDict).Map(model.For).HeadOrNone().IfNone(model);
        return Error.New($"'{path}' does not fit {spec.ClassName} (--model {spec.Key}): " +
            string.Join("; ", StateDictCheck.Against(spec.StateDict, stateDict).Match(Succ: _ => Seq<string>(), Fail: e => e.Map(x => x.Message))));
    }

    static bool Fits(ModelSpec spec, StateDict stateDict) => StateDictCheck.Against(spec.StateDict, stateDict).IsSuccess;

    /// <summary>
    /// The widths to try: a fixed one, or for a model sized by the data, the feature count its first layer's weight
    /// has in the file (its second dimension), else its own.
    /// </summary>
    static Seq<int> Widths(ModelSpec model, StateDict stateDict) =>
        model.Width is InputWidth.FromData
            ? model.Layout.Bind(layout => layout.Layers.Find(layer => layer.Inputs is InputWidth.FromData))
                .Bind(layer => stateDict.Find(layer.KeyOf("weight")))
                .Filter(weight => weight.Shape.Count == 2 && weight.Shape[1] is >= 1 and <= int.MaxValue)
                .Map(weight => Seq1((int)weight.Shape[1]))
                .IfNone(Seq1(model.Features))
            : Seq1(model.Features);

    /// <summary>
    /// The model sharing the most keys with the file, then the most shapes, then the most ranks; on a tie, one of a
    /// fixed width before one sized by the data, since a data-sized model only guesses its width from a file that fits it badly.
    /// </summary>
    static Option<ModelSpec> Closest(StateDict stateDict, Seq<ModelSpec> models) =>
        models.Filter(m => m.StateDict.Keys.Exists(k => stateDict.Find(k).IsSome))
            .Map(m => (Model: m, Spec: Widths(m, stateDict).Map(m.For).HeadOrNone().IfNone(m).StateDict))
            .OrderByDescending(c => c.Spec.Keys.Count(k => stateDict.Find(k).IsSome))
            .ThenByDescending(c => c.Spec.Parameters.Count(p => stateDict.Find(p.Key).Exists(t => Enumerable.SequenceEqual(t.Shape, p.Shape))))
            .ThenByDescending(c => c.Spec.Parameters.Count(p => stateDict.Find(p.Key).Exists(t => t.Shape.Count == p.Shape.Count)))
            .ThenBy(c => c.Model.Width is InputWidth.FromData ? 1 : 0)
            .Select(c => c.Model)
            .HeadOrNone();
}
