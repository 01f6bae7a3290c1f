namespace Functional.Domain.Training.Schedules;

/// <summary>
/// <c>torch.optim.lr_scheduler</c> of PyTorch 1.13 for one parameter group, as values: each step returns the next
/// scheduler. Ported rather than taken from TorchSharp, whose schedulers give the same rates but have no state to save
/// and resume from; the fields are the keys of PyTorch's <c>scheduler.state_dict()</c>, so a checkpoint maps one to one.
/// The arithmetic is PyTorch's, in double as Python's floats, in PyTorch's order (the chainable form of <c>get_lr</c>),
/// so every rate is PyTorch's bit for bit.
/// </summary>
public abstract record LearningRateScheduler
{
    /// <summary>The learning rate the optimiser uses now (param_group['lr']).</summary>
    public abstract double LearningRate { get; }

    /// <summary>What <c>scheduler.step()</c> does at the end of an epoch; plateau does nothing here.</summary>
    public abstract LearningRateScheduler AfterEpoch();

    /// <summary>What <c>scheduler.step(test_loss)</c> does after an evaluation; only plateau reacts.</summary>
    public abstract LearningRateScheduler AfterEvaluation(float testLoss);

    /// <summary>A scheduler as PyTorch's constructor leaves it, for an optimiser created with <paramref name="learningRate"/>.</summary>
    public static LearningRateScheduler Start(ScheduleSpec spec, double learningRate) => spec switch
    {
        ScheduleSpec.Plateau plateau => new PlateauScheduler(plateau, learningRate, double.PositiveInfinity, 0, 0, 0),
        ScheduleSpec.Constant => new ConstantRate(learningRate),
        // _LRScheduler.__init__: last_epoch -1, then _initial_step(): _step_count 0 and one step() to last_epoch 0.
        _ => new EpochScheduler(spec, learningRate, -1, 0, learningRate).Step(),
    };
}

/// <summary>No scheduler: --lr throughout.</summary>
public sealed record ConstantRate(double Rate) : LearningRateScheduler
{
    public override double LearningRate => Rate;

    public override LearningRateScheduler AfterEpoch() => this;

    public override LearningRateScheduler AfterEvaluation(float testLoss) => this;
}

/// <summary>
/// StepLR, ExponentialLR and CosineAnnealingLR (eta_min 0): <c>_LRScheduler.step()</c> is <c>_step_count += 1;
/// last_epoch += 1; lr = get_lr(); _last_lr = [lr]</c>, with <c>get_lr</c> each one's chainable form.
/// </summary>
public sealed record EpochScheduler(ScheduleSpec Spec, double BaseLr, int LastEpoch, int StepCount, double LastLr) : LearningRateScheduler
{
    public override double LearningRate => LastLr;

    public override LearningRateScheduler AfterEpoch() => Step();

    public override LearningRateScheduler AfterEvaluation(float testLoss) => this;

    internal EpochScheduler Step()
    {
        var (lastEpoch, stepCount) = (LastEpoch + 1, StepCount + 1);
        return this with { LastEpoch = lastEpoch, StepCount = stepCount, LastLr = NextRate(lastEpoch, stepCount, LastLr) };
    }

    double NextRate(int lastEpoch, int stepCount, double lr) => Spec switch
    {
        ScheduleSpec.StepDecay step => lastEpoch == 0 || lastEpoch % step.StepSize != 0 ? lr : lr * step.Gamma,
        ScheduleSpec.Exponential exponential => lastEpoch == 0 ? lr : lr * exponential.Gamma,
        ScheduleSpec.Cosine cosine => CosineRate(cosine.TMax, lastEpoch, stepCount, lr),
        _ => lr,
    };

    /// <summary>CosineAnnealingLR.get_lr of 1.13 with eta_min 0, branch for branch.</summary>
    double CosineRate(int tMax, int lastEpoch, int stepCount, double lr)
    {
        const double etaMin = 0;
        if (lastEpoch == 0) return lr;
        if (stepCount == 1 && lastEpoch > 0) return etaMin + (BaseLr - etaMin) * (1 + Math.Cos(lastEpoch * Math.PI / tMax)) / 2;
        if (PythonModulo(lastEpoch - 1 - tMax, 2 * tMax) == 0) return lr + (BaseLr - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2;
        return (1 + Math.Cos(Math.PI * lastEpoch / tMax)) / (1 + Math.Cos(Math.PI * (lastEpoch - 1) / tMax)) * (lr - etaMin) + etaMin;
    }

    /// <summary>Python's %, which takes the divisor's sign.</summary>
    static int PythonModulo(int a, int m) => ((a % m) + m) % m;
}

/// <summary>
/// ReduceLROnPlateau of 1.13, mode 'min', threshold 1e-4 'rel', cooldown 0, min_lr 0, eps 1e-8 (its defaults): the
/// metric is <c>float(test_loss)</c>; a rate is cut by <see cref="ScheduleSpec.Plateau.Factor"/> after more than
/// <see cref="ScheduleSpec.Plateau.Patience"/> evaluations in a row without improvement.
/// </summary>
public sealed record PlateauScheduler(ScheduleSpec.Plateau Spec, double Rate, double Best, int NumBadEpochs, int CooldownCounter, int LastEpoch)
    : LearningRateScheduler
{
    const double Threshold = 1e-4, Eps = 1e-8, MinLr = 0;
    const int Cooldown = 0;

    public override double LearningRate => Rate;

    public override LearningRateScheduler AfterEpoch() => this;

    public override LearningRateScheduler AfterEvaluation(float testLoss)
    {
        double current = testLoss;
        var improved = current < Best * (1.0 - Threshold);
        var (best, bad, cooldown) = (improved ? current : Best, improved ? 0 : NumBadEpochs + 1, CooldownCounter);
        if (cooldown > 0) (cooldown, bad) = (cooldown - 1, 0);
        var rate = Rate;
        if (bad > Spec.Patience)
        {
            var reduced = Math.Max(rate * Spec.Factor, MinLr);
            if (rate - reduced > Eps) rate = reduced;
            (cooldown, bad) = (Cooldown, 0);
        }
        return this with { Rate = rate, Best = best, NumBadEpochs = bad, CooldownCounter = cooldown, LastEpoch = LastEpoch + 1 };
    }
}
