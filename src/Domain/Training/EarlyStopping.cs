using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Training;

/// <summary>
/// What the test loss is watched for: early stopping after <see cref="Patience"/> evaluations in a row without
/// improvement (None: never stop early), improvement meaning below the best so far minus <see cref="MinDelta"/>, and
/// whether the best evaluated weights are the run's result (<see cref="RestoreBest"/>).
/// </summary>
public sealed record MonitorSpec(Option<int> Patience, double MinDelta, bool RestoreBest)
{
    public static MonitorSpec Off { get; } = new(None, 0, false);

    /// <summary>Whether the loop needs to follow the test loss at all.</summary>
    public bool IsOn => Patience.IsSome || RestoreBest;
}

/// <summary>
/// PyTorch Lightning's EarlyStopping (mode 'min', check_finite) at one evaluation after another, as a value. Lightning
/// holds the best score as a float32 tensor (torch.tensor(inf) at first) and compares <c>current - min_delta</c> with
/// min_delta negated for 'min', in float32: so an evaluation improves when <c>current + (float)min_delta &lt; best</c>
/// in float32 arithmetic. Its wait count rises at each evaluation that does not improve, and training stops when it
/// reaches the patience; a test loss that is not finite stops it at once.
/// </summary>
public sealed record TestLossMonitor(MonitorSpec Spec, float Best, int WaitCount, Option<int> BestEpoch, bool ShouldStop, bool Improved)
{
    public static TestLossMonitor Start(MonitorSpec spec) => new(spec, float.PositiveInfinity, 0, None, false, false);

    public TestLossMonitor After(int epoch, float testLoss)
    {
        if (!float.IsFinite(testLoss)) return this with { ShouldStop = Spec.Patience.IsSome, Improved = false };
        var improved = testLoss + (float)Spec.MinDelta < Best;
        if (improved) return this with { Best = testLoss, WaitCount = 0, BestEpoch = Some(epoch), Improved = true };
        var waited = WaitCount + 1;
        return this with { WaitCount = waited, ShouldStop = Spec.Patience.Exists(patience => waited >= patience), Improved = false };
    }
}
