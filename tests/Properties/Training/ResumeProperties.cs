using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Training.Checkpoints;
using Functional.Formats.Checkpoints;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using static LanguageExt.Prelude;
using Xunit;
using Xunit.Abstractions;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Resume equality: a run stopped after epoch k, its checkpoint written to torch.save bytes, read back and resumed, prints
/// the same epoch lines after k (the exact losses and learning rates) and ends on the same state_dict, bit for bit, as the
/// run that was never stopped: every model, loss, optimiser, batch size, schedule and early stopping the generated
/// configurations hold (<see cref="TrainingConfigurations"/>), at a generated stop point.
/// </summary>
public sealed class ResumeProperties(ITestOutputHelper output)
{
    sealed record Case(SettingsInput Settings, int StopAfter)
    {
        public override string ToString() => $"{TrainingRuns.CommandLine(Settings)} stopped after {StopAfter} epochs";
    }

    static Gen<Case> Cases() =>
        from settings in TrainingConfigurations.Settings()
        where settings.Epochs >= 2
        from stop in Gen.Choose(1, settings.Epochs - 1)
        select new Case(settings, stop);

    /// <summary>The generated mini-batch runs made --fused: an affine model with SGD, whatever the rate, schedule or stopping.</summary>
    static Gen<Case> FusedMiniBatchCases() =>
        from settings in TrainingConfigurations.Settings()
        where settings.Epochs >= 2 && settings.BatchSize.IsSome
        let fused = settings with
        {
            Model = ModelCatalog.Specs.Find(spec => spec.Affine.IsSome).Map(spec => spec.Key).IfNone(settings.Model),
            Optimizer = OptimizerKind.Sgd, Fused = true,
        }
        where RunSettings.Create(fused, ModelCatalog.Specs, MemoryBudget.Unlimited).IsSuccess
        from stop in Gen.Choose(1, settings.Epochs - 1)
        select new Case(fused, stop);

    [Property(MaxTest = 60)]
    public Property A_run_resumed_from_its_checkpoint_file_ends_as_the_uninterrupted_run() =>
        Prop.ForAll(Cases().ToArbitrary(), ResumesAsUninterrupted);

    [Property(MaxTest = 30)]
    public Property A_fused_mini_batch_run_resumed_from_its_checkpoint_file_draws_the_same_batches_and_ends_as_the_uninterrupted_run() =>
        Prop.ForAll(FusedMiniBatchCases().ToArbitrary(), ResumesAsUninterrupted);

    Property ResumesAsUninterrupted(Case c)
    {
        var whole = Run(c.Settings, Option<Checkpoint>.None, int.MaxValue);
        if (whole.StoppedBefore(c.StopAfter)) return true.Label("the run ended before the stop point (non-finite loss or early stopping)");
        var first = Run(c.Settings, Option<Checkpoint>.None, c.StopAfter);
        var bytes = CheckpointFormat.Write(first.Checkpoint.IfNone(() => throw new InvalidOperationException("no checkpoint")), "last");
        var saved = CheckpointFormat.Read(bytes).IfFail(e => throw new InvalidOperationException(e.Message));
        var settings = ValidSettings.From(c.Settings);
        var check = Resumption.Check(saved, settings.Training, settings.Model.StateDict);
        if (whole.StoppedEarlyAt(c.StopAfter))
            return check.Match(Succ: _ => false, Fail: errors => errors.Exists(e => e.Message.StartsWith("was written when early stopping ended its run", StringComparison.Ordinal)))
                .Label("a checkpoint of the epoch where early stopping ended the run is refused with that reason, as the run trains no further");
        var checkpoint = check.Match(Succ: ok => ok, Fail: errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));
        var resumed = Run(c.Settings, Some(checkpoint), int.MaxValue);
        var expected = whole.Epochs.Where(e => e.Epoch >= c.StopAfter).ToList();
        var same = expected.SequenceEqual(resumed.Epochs) && whole.Ending == resumed.Ending;
        if (!same) output.WriteLine($"{c}\n  whole:   {whole.Ending}\n  resumed: {resumed.Ending}");
        return same.Label($"epochs after {c.StopAfter} and the ending are the uninterrupted run's");
    }

    sealed record EpochRecord(int Epoch, double TrainLoss, float? TestLoss, double LearningRate);

    /// <summary>
    /// A checkpoint file is input: a generator_state that is not a CPU generator's 5056 bytes, or whose mt19937 position
    /// would draw beyond its 624 words, is refused with the reason when read, before any run uses it.
    /// </summary>
    [Theory]
    [InlineData("short", "generator_state has 5055 bytes; a CPU generator's state (generator.get_state()) has 5056")]
    [InlineData("left 0", "generator_state's mt19937 position (left, next) is not one a generator can be in")]
    [InlineData("next past the words", "generator_state's mt19937 position (left, next) is not one a generator can be in")]
    public void A_checkpoint_whose_generator_state_no_generator_can_be_in_is_refused_with_the_reason(string damage, string expected)
    {
        var settings = SettingsInput.Notebook with { Epochs = 3, BatchSize = Some(32), Fused = true };
        var checkpoint = Run(settings, Option<Checkpoint>.None, 1).Checkpoint.IfNone(() => throw new InvalidOperationException("no checkpoint"));
        var state = checkpoint.Steps.Generator.IfNone(() => throw new InvalidOperationException("no generator state"));
        var damaged = damage switch
        {
            "short" => state[..^1],
            "left 0" => With(state, bytes => BitConverter.TryWriteBytes(bytes.AsSpan(8), 0)),
            _ => With(state, bytes => BitConverter.TryWriteBytes(bytes.AsSpan(16), 700UL)),
        };
        var read = CheckpointFormat.Read(CheckpointFormat.Write(checkpoint with { Steps = checkpoint.Steps with { Generator = Some(damaged) } }, "last"));
        Assert.StartsWith(expected, read.Match(Succ: _ => "read", Fail: e => e.Message));
        Assert.True(CheckpointFormat.Read(CheckpointFormat.Write(checkpoint, "last")).IsSucc, "the undamaged checkpoint is read");
    }

    static byte[] With(byte[] state, Func<byte[], bool> change)
    {
        var copy = (byte[])state.Clone();
        change(copy);
        return copy;
    }

    sealed record RunRecord(List<EpochRecord> Epochs, string Ending, Option<Checkpoint> Checkpoint, bool StoppedEarly = false)
    {
        public bool StoppedBefore(int epochs) => Epochs.Count < epochs || Epochs.Count == epochs && !Ending.StartsWith("finished", StringComparison.Ordinal);

        /// <summary>Early stopping ended the run right after its <paramref name="epochs"/>-th epoch.</summary>
        public bool StoppedEarlyAt(int epochs) => StoppedEarly && Epochs.Count == epochs;
    }

    /// <summary>The stream up to <paramref name="stopAfter"/> epochs (then its checkpoint is taken and the stream abandoned), or to its end.</summary>
    static RunRecord Run(SettingsInput input, Option<Checkpoint> resume, int stopAfter)
    {
        var prepared = NotebookWorkflow.Prepare(ValidSettings.From(input), ModelCatalog.All).Match(Succ: p => p, Fail: e => throw new InvalidOperationException(e.Message));
        var epochs = new List<EpochRecord>();
        foreach (var next in prepared.Training(ComputeDevice.Cpu, resume))
        {
            switch (next)
            {
                case EpochCompleted epoch:
                    epochs.Add(new EpochRecord(epoch.Epoch, epoch.TrainLoss, epoch.TestLoss.IsSome ? epoch.TestLoss.IfNone(0) : null, epoch.LearningRate));
                    if (epoch.Epoch + 1 == stopAfter)
                        return new RunRecord(epochs, "stopped", Some(epoch.Checkpoint().IfFail(e => throw new InvalidOperationException(e.Message))));
                    break;
                case TrainingFinished finished:
                    var m = finished.Model;
                    return new RunRecord(epochs,
                        $"finished {string.Join(" ", m.Final.Entries.Map(e => $"{e.Key}=[{string.Join(",", e.Value.Data.Map(v => BitConverter.SingleToUInt32Bits(v).ToString("x8")))}]"))} " +
                        $"last {m.LastEpoch} predictions {string.Join(",", m.TestPredictions.Memory.ToArray().Select(v => BitConverter.SingleToUInt32Bits(v).ToString("x8")))} " +
                        $"monitor {m.Monitoring.StoppedAt} {BestAsRecorded(m.Monitoring.Best)} {m.Monitoring.Restored}", None, m.Monitoring.StoppedAt.IsSome);
                case TrainingFailed failed:
                    return new RunRecord(epochs, $"failed {failed.Error.Message}", None);
            }
        }
        return new RunRecord(epochs, "no ending", None);
    }

    /// <summary>What a checkpoint keeps of the best evaluation (its test metrics are run.json's of the final model, not checkpointed).</summary>
    static string BestAsRecorded(Option<EpochLog> best) =>
        best.Map(b => $"{b.Epoch} {b.TrainLoss:R} {b.TestLoss:R} {b.LearningRate:R}").IfNone("none");
}
