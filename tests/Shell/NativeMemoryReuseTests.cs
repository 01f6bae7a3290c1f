using Functional.Cli.Native;
using Functional.Domain;
using Functional.Domain.Data;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using Xunit;

namespace Functional.Tests.Shell;

/// <summary>
/// Keeping freed native memory for reuse changes only where libtorch's buffers live, never what is computed: the
/// same runs before and after the switch give equal trained models. The switch is process-wide and cannot be undone,
/// which is harmless for the other tests (it affects speed and resident memory only).
/// </summary>
public sealed class NativeMemoryReuseTests
{
    static TrainedModel Train(SettingsInput input) =>
        RunSettings.Create(input, ModelCatalog.Specs, MemoryBudget.Unlimited).ToFin()
            .Bind(settings => NotebookWorkflow.Run(settings, ModelCatalog.All, ComputeDevice.Cpu))
            .Match(Succ: r => r.Trained, Fail: e => throw new InvalidOperationException(e.Message));

    /// <summary>The notebook run, and 200,000 samples so every temporary is far above glibc's 128 KiB mmap threshold.</summary>
    static readonly SettingsInput[] Runs =
    [
        SettingsInput.Notebook,
        SettingsInput.Notebook with { Step = 0.000005, Epochs = 30, EvalEvery = 10 },
    ];

    [Fact]
    public void Training_gives_identical_models_with_and_without_memory_reuse()
    {
        var before = Runs.Select(Train).ToArray();
        Assert.True(NativeMemoryReuse.KeepFreedMemoryForReuse() || !OperatingSystem.IsLinux());
        var after = Runs.Select(Train).ToArray();
        Assert.Equal(before, after);
    }
}
