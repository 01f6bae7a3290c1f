using System.Globalization;
using Functional.Domain.Tensors;
using Functional.Domain.Text;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.Domain.Training.Schedules;
using Functional.Formats.Pickle;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Formats.Checkpoints;

/// <summary>
/// Reads the recipe's dictionary from the restricted unpickler's values: only ints, floats, bools, None, strings, lists,
/// tuples, dicts and tensors ever reach here (nothing callable can be built), and each key is checked for its kind.
/// </summary>
internal static class CheckpointReader
{
    public static Fin<SavedCheckpoint> From(PickleValue root) =>
        root is not PyDict top
            ? Error.New($"the file holds a {root.PythonTypeName}, not a checkpoint dictionary")
            : from epoch in Required(top, "epoch").Bind(v => Int(v, "epoch"))
              from model in Required(top, "model_state_dict").Bind(v => StateDictOf(v, "model_state_dict"))
              from optimizer in Required(top, "optimizer_state_dict").Bind(v => Optimizer(v, model))
              from loss in Required(top, "loss").Bind(LossOf)
              from scheduler in Optional(top, "scheduler_state_dict").Map(v => Scheduler(v).Map(Some)).IfNone(FinSucc(Option<LearningRateScheduler>.None))
              from generator in Optional(top, "generator_state").Map(v => GeneratorState(v).Map(Some)).IfNone(FinSucc(Option<byte[]>.None))
              from monitor in Optional(top, "early_stopping_state_dict").Map(v => Monitor(v).Map(Some)).IfNone(FinSucc(Option<SavedMonitor>.None))
              select new SavedCheckpoint((int)epoch, new StepsState(model, optimizer, generator), loss, scheduler, monitor);

    /// <summary>Bytes of PyTorch 1.13's CPU generator state (<c>g.get_state()</c>).</summary>
    const int GeneratorStateBytes = 5056;

    /// <summary>
    /// A uint8 tensor of <see cref="GeneratorStateBytes"/> whose mt19937 position is one a generator can be in: <c>left</c>
    /// (i32 at 8) in 1..624 and <c>next</c> (u64 at 16) with <c>next + left - 1 &lt;= 624</c>, so drawing from it never
    /// reads beyond its 624 words.
    /// </summary>
    static Fin<byte[]> GeneratorState(PickleValue value)
    {
        if (value is not PyByteTensor tensor) return Error.New("generator_state is not a uint8 tensor (save generator.get_state())");
        var bytes = tensor.Values;
        if (bytes.Length != GeneratorStateBytes)
            return Error.New($"generator_state has {bytes.Length} bytes; a CPU generator's state (generator.get_state()) has {GeneratorStateBytes}");
        var left = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var next = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16));
        return left is >= 1 and <= 624 && next <= (ulong)(625 - left)
            ? bytes
            : Error.New("generator_state's mt19937 position (left, next) is not one a generator can be in; save generator.get_state() unchanged");
    }

    static Fin<OptimizerState> Optimizer(PickleValue value, StateDict model)
    {
        if (value is not PyDict dict) return Error.New("optimizer_state_dict is not a dict (save optimizer.state_dict())");
        return
            from groupList in Required(dict, "param_groups")
            from paramGroup in groupList is PyList { Items.Count: 1 } list && list.Items[0] is PyDict g
                ? FinSucc(g)
                : FinFail<PyDict>(Error.New("optimizer_state_dict has other than one param group; this program trains one"))
            from lr in Required(paramGroup, "lr").Bind(v => Number(v, "param_groups[0]['lr']"))
            let initial = Optional(paramGroup, "initial_lr").Bind(v => v is PyFloat f ? Some(f.Value) : None)
            let adam = Optional(paramGroup, "betas").IsSome
            from defaults in adam ? AdamDefaults(paramGroup) : SgdDefaults(paramGroup)
            from state in Required(dict, "state")
            from parameters in ParameterStates(state, model, adam)
            select new OptimizerState(adam ? OptimizerKind.Adam : OptimizerKind.Sgd, lr, initial, parameters);
    }

    static Fin<Unit> SgdDefaults(PyDict group) =>
        Optional(group, "momentum").Exists(v => !IsZero(v)) || Optional(group, "weight_decay").Exists(v => !IsZero(v)) || Optional(group, "nesterov").Exists(v => v is PyBool { Value: true })
            ? FinFail<Unit>(Error.New("the SGD state has momentum, weight decay or nesterov; this program trains plain SGD (torch.optim.SGD(params, lr))"))
            : unit;

    static Fin<Unit> AdamDefaults(PyDict group) =>
        Optional(group, "betas") is { IsSome: true } betas && betas.Exists(v => v is PyTuple { Items: [PyFloat { Value: 0.9 }, PyFloat { Value: 0.999 }] })
        && Optional(group, "eps").Exists(v => v is PyFloat { Value: 1e-08 }) && Optional(group, "weight_decay").ForAll(IsZero)
        && Optional(group, "amsgrad").ForAll(v => v is PyBool { Value: false })
            ? unit
            : FinFail<Unit>(Error.New("the Adam state has other settings than torch.optim.Adam(params, lr)'s defaults (betas, eps, weight_decay, amsgrad); this program trains with those"));

    static bool IsZero(PickleValue value) => value is PyInt { Value: 0 } or PyFloat { Value: 0 };

    static Fin<Seq<ParameterState>> ParameterStates(PickleValue value, StateDict model, bool adam)
    {
        if (value is not PyDict state) return Error.New("optimizer_state_dict['state'] is not a dict");
        var byIndex = new Dictionary<long, PickleValue>();
        foreach (var (key, entry) in state.Items)
        {
            if (key is not PyInt index || index.Value < 0 || index.Value >= model.Entries.Count)
                return Error.New($"optimizer_state_dict['state'] has a key that is not a parameter index from 0 to {model.Entries.Count - 1}");
            byIndex[index.Value] = entry;
        }
        var states = new List<ParameterState>();
        for (var i = 0; i < model.Entries.Count; i++)
        {
            var shape = model.Entries[i].Value.Shape;
            if (!adam)
            {
                if (byIndex.TryGetValue(i, out var sgd) && !(sgd is PyDict d && Optional(d, "momentum_buffer").ForAll(v => v is PyNone)))
                    return Error.New("the SGD state has a momentum buffer; this program trains plain SGD");
                states.Add(new ParameterState.Sgd());
                continue;
            }
            if (!byIndex.TryGetValue(i, out var entry) || entry is not PyDict moments)
                return Error.New($"the Adam state has no entry for parameter {i} ({Echo.Text(model.Entries[i].Key)}): a checkpoint is taken after training steps");
            var parameter =
                from step in Required(moments, "step").Bind(StepOf)
                from expAvg in Required(moments, "exp_avg").Bind(v => TensorOf(v, shape, "exp_avg"))
                from expAvgSq in Required(moments, "exp_avg_sq").Bind(v => TensorOf(v, shape, "exp_avg_sq"))
                select (ParameterState)new ParameterState.Adam(step, expAvg, expAvgSq);
            if (parameter.IsFail) return parameter.Map(_ => Seq<ParameterState>());
            states.Add(parameter.IfFail(_ => throw new InvalidOperationException("checked above")));
        }
        return toSeq(states).Strict();
    }

    /// <summary>1.13 keeps Adam's step as a float32 0-d tensor; older versions as an int.</summary>
    static Fin<long> StepOf(PickleValue value) => value switch
    {
        PyTensor { Values: { Shape.IsEmpty: true, Data.Count: 1 } tensor } when float.IsFinite(tensor.Data[0]) && tensor.Data[0] >= 1 => (long)tensor.Data[0],
        PyInt { Value: >= 1 } count => count.Value,
        _ => Error.New("Adam's 'step' is not a positive count"),
    };

    static Fin<ParameterValues> TensorOf(PickleValue value, Seq<long> shape, string what) =>
        value is PyTensor tensor && Enumerable.SequenceEqual(tensor.Values.Shape, shape)
            ? tensor.Values
            : Error.New($"Adam's '{what}' is not a float tensor of its parameter's shape {Echo.Shape(shape)}");

    static Fin<double> LossOf(PickleValue value) => value switch
    {
        PyFloat number => number.Value,
        PyTensor { Values.Data.Count: 1 } tensor => (double)tensor.Values.Data[0],
        _ => Error.New("'loss' is not a number (save loss.item() or the loss tensor)"),
    };

    static Fin<LearningRateScheduler> Scheduler(PickleValue value)
    {
        if (value is not PyDict dict) return Error.New("scheduler_state_dict is not a dict (save scheduler.state_dict())");
        if (Optional(dict, "factor").IsSome)
            return
                from factor in Required(dict, "factor").Bind(v => Number(v, "factor"))
                from patience in Required(dict, "patience").Bind(v => Int(v, "patience"))
                from best in Required(dict, "best").Bind(v => Number(v, "best"))
                from bad in Required(dict, "num_bad_epochs").Bind(v => Int(v, "num_bad_epochs"))
                from cooldown in Required(dict, "cooldown_counter").Bind(v => Int(v, "cooldown_counter"))
                from lastEpoch in Required(dict, "last_epoch").Bind(v => Int(v, "last_epoch"))
                from rate in Required(dict, "_last_lr").Bind(v => SingleNumber(v, "_last_lr"))
                from defaults in PlateauDefaults(dict)
                select (LearningRateScheduler)new PlateauScheduler(new ScheduleSpec.Plateau(factor, (int)patience), rate, best, (int)bad, (int)cooldown, (int)lastEpoch);
        var spec =
            Optional(dict, "step_size").IsSome
                ? from size in Required(dict, "step_size").Bind(v => Int(v, "step_size"))
                  from gamma in Required(dict, "gamma").Bind(v => Number(v, "gamma"))
                  select (ScheduleSpec)new ScheduleSpec.StepDecay((int)size, gamma)
            : Optional(dict, "T_max").IsSome
                ? from tMax in Required(dict, "T_max").Bind(v => Int(v, "T_max"))
                  from etaMin in Required(dict, "eta_min")
                  from zero in IsZero(etaMin) ? FinSucc(unit) : FinFail<Unit>(Error.New("CosineAnnealingLR's eta_min is not 0; this program anneals to 0"))
                  select (ScheduleSpec)new ScheduleSpec.Cosine((int)tMax)
            : Optional(dict, "gamma").IsSome
                ? Required(dict, "gamma").Bind(v => Number(v, "gamma")).Map(gamma => (ScheduleSpec)new ScheduleSpec.Exponential(gamma))
                : FinFail<ScheduleSpec>(Error.New("scheduler_state_dict is not StepLR's, ExponentialLR's, CosineAnnealingLR's or ReduceLROnPlateau's"));
        return
            from kind in spec
            from baseLr in Required(dict, "base_lrs").Bind(v => SingleNumber(v, "base_lrs"))
            from lastEpoch in Required(dict, "last_epoch").Bind(v => Int(v, "last_epoch"))
            from stepCount in Required(dict, "_step_count").Bind(v => Int(v, "_step_count"))
            from lastLr in Required(dict, "_last_lr").Bind(v => SingleNumber(v, "_last_lr"))
            select (LearningRateScheduler)new EpochScheduler(kind, baseLr, (int)lastEpoch, (int)stepCount, lastLr);
    }

    static Fin<Unit> PlateauDefaults(PyDict dict) =>
        Optional(dict, "mode").ForAll(v => v is PyString { Value: "min" }) && Optional(dict, "threshold_mode").ForAll(v => v is PyString { Value: "rel" })
        && Optional(dict, "threshold").ForAll(v => v is PyFloat { Value: 0.0001 }) && Optional(dict, "cooldown").ForAll(IsZero)
        && Optional(dict, "eps").ForAll(v => v is PyFloat { Value: 1e-08 })
        && Optional(dict, "min_lrs").ForAll(v => v is PyList { Items: [PickleValue m] } && IsZero(m))
            ? unit
            : FinFail<Unit>(Error.New("ReduceLROnPlateau's state has other settings than mode 'min', threshold 1e-4 'rel', cooldown 0, min_lr 0, eps 1e-8; this program uses those"));

    static Fin<SavedMonitor> Monitor(PickleValue value)
    {
        if (value is not PyDict dict) return Error.New("early_stopping_state_dict is not a dict");
        return
            from wait in Required(dict, "wait_count").Bind(v => Int(v, "wait_count"))
            from bestScore in Required(dict, "best_score").Bind(v => Number(v, "best_score"))
            from best in Optional(dict, "best_epoch").Exists(v => v is not PyNone)
                ? from epoch in Required(dict, "best_epoch").Bind(v => Int(v, "best_epoch"))
                  from train in Required(dict, "best_train_loss").Bind(v => Number(v, "best_train_loss"))
                  from test in Required(dict, "best_test_loss").Bind(v => Number(v, "best_test_loss"))
                  from rate in Required(dict, "best_lr").Bind(v => Number(v, "best_lr"))
                  from weights in Optional(dict, "best_model_state_dict").Filter(v => v is not PyNone)
                      .Map(v => StateDictOf(v, "best_model_state_dict").Map(Some)).IfNone(FinSucc(Option<StateDict>.None))
                  select Some(new BestWeights(new EpochLog((int)epoch, train, (float)test, rate), weights))
                : FinSucc(Option<BestWeights>.None)
            select new SavedMonitor((int)wait, (float)bestScore, best);
    }

    static Fin<StateDict> StateDictOf(PickleValue value, string what)
    {
        if (value is not PyDict dict) return Error.New($"{what} is not a state_dict");
        var entries = new List<StateEntry>();
        foreach (var (key, entry) in dict.Items)
        {
            if (key is not PyString name || entry is not PyTensor tensor)
                return Error.New($"{what} holds something other than named float tensors");
            entries.Add(new StateEntry(name.Value, tensor.Values));
        }
        return new StateDict(toSeq(entries).Strict());
    }

    static Fin<PickleValue> Required(PyDict dict, string key) =>
        Optional(dict, key).ToFin(Error.New($"the checkpoint has no '{key}'"));

    static Option<PickleValue> Optional(PyDict dict, string key)
    {
        foreach (var (k, v) in dict.Items)
            if (k is PyString name && name.Value == key) return v;
        return None;
    }

    static Fin<long> Int(PickleValue value, string what) =>
        value is PyInt number && number.Value is >= 0 and <= int.MaxValue ? number.Value : Error.New($"'{what}' is not a whole number from 0 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");

    static Fin<double> Number(PickleValue value, string what) => value switch
    {
        PyFloat number => number.Value,
        PyInt number => (double)number.Value,
        _ => Error.New($"'{what}' is not a number"),
    };

    static Fin<double> SingleNumber(PickleValue value, string what) =>
        value is PyList { Items: [var only] } ? Number(only, what) : Error.New($"'{what}' is not a list of one number (one param group)");
}
