using Functional.Cli;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Tests.Shared;
using Functional.Tests.Shell.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using Xunit;

namespace Functional.Tests.Shell;

/// <summary>A model's own run-time error (layers whose shapes do not chain) is one line naming the model and the cause.</summary>
public sealed class ModelFailureTests
{
    const string Expected = @"^model 'mismatched-mlp' \(MismatchedMlp\) failed: mat1 and mat2 shapes cannot be multiplied \(80x8 and 4x1\)$";

    [Fact]
    public void Training_ends_with_one_failure_event_whose_message_is_one_line_naming_the_model_and_the_cause()
    {
        var settings = RunSettings.Create(SettingsInput.Notebook with { Model = "mismatched-mlp" }, ModelCatalog.Specs, MemoryBudget.Unlimited)
            .Match(Succ: s => s, Fail: e => throw new InvalidOperationException(e.Head.Message));
        var events = NotebookWorkflow.Prepare(settings, ModelCatalog.All)
            .Match(Succ: run => run.Training(ComputeDevice.Cpu).ToList(), Fail: e => throw new InvalidOperationException(e.Message));

        var failed = Assert.IsType<TrainingFailed>(Assert.Single(events));
        Assert.Matches(Expected, failed.Error.Message);
    }

    [Fact]
    public void The_main_job_prints_one_error_line_exits_1_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var exit = CliApp.Run(
            ["--model", "mismatched-mlp", "--out", folder.File("model.pt"), "--plots", folder.File("plots"), "--runs", folder.File("runs")],
            ModelCatalog.All, stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Equal("", stdout.ToString());
        var lines = stderr.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(["Using device: cpu", "error:"], lines.Select(line => line.Split(' ')[0] == "error:" ? "error:" : line));
        Assert.Matches(Expected, lines[1]["error: ".Length..]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }
}
