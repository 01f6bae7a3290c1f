namespace Functional.Domain.Training.Schedules;

/// <summary>
/// Which <c>torch.optim.lr_scheduler</c> a run uses, with its arguments as PyTorch names them; checked by
/// <see cref="Settings.RunSettings.Create"/>. Step, exponential and cosine step once per epoch, after the epoch's optimiser
/// steps; plateau steps at each evaluation with the test loss, as PyTorch's examples call them.
/// </summary>
public abstract record ScheduleSpec
{
    ScheduleSpec() { }

    /// <summary>The learning rate stays <c>--lr</c>: no scheduler, as the notebook.</summary>
    public sealed record Constant : ScheduleSpec;

    /// <summary><c>StepLR(optimizer, step_size, gamma)</c>.</summary>
    public sealed record StepDecay(int StepSize, double Gamma) : ScheduleSpec;

    /// <summary><c>ExponentialLR(optimizer, gamma)</c>.</summary>
    public sealed record Exponential(double Gamma) : ScheduleSpec;

    /// <summary><c>CosineAnnealingLR(optimizer, T_max)</c> (eta_min 0, its default).</summary>
    public sealed record Cosine(int TMax) : ScheduleSpec;

    /// <summary><c>ReduceLROnPlateau(optimizer, factor=factor, patience=patience)</c>, mode 'min' and its other defaults.</summary>
    public sealed record Plateau(double Factor, int Patience) : ScheduleSpec;

    /// <summary>The name --lr-scheduler and run.json use; "none" for no scheduler.</summary>
    public string Name => this switch
    {
        StepDecay => "step",
        Exponential => "exponential",
        Cosine => "cosine",
        Plateau => "plateau",
        _ => "none",
    };
}
