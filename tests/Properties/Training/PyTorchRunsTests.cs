using System.Globalization;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Training;

/// <summary>
/// Whole runs with non-default flags against what real PyTorch printed for the same settings.
/// PyTorch/expected_runs.txt comes from PyTorch/notebook_run.py under Debian's python3-torch 1.13 (see the script).
/// </summary>
public sealed class PyTorchRunsTests
{
    sealed record ExpectedRun(string Name, SettingsInput Settings, string[] Lines);

    static readonly Lazy<Seq<ExpectedRun>> Runs = new(() => Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Training", "PyTorch", "expected_runs.txt"))));

    public static TheoryData<string> CaseNames() => new(Runs.Value.Map(r => r.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_run_prints_PyTorchs_losses_parameters_and_predictions(string name)
    {
        var expected = Runs.Value.Find(r => r.Name == name).IfNone(() => throw new InvalidOperationException(name));
        var result = NotebookWorkflow.Run(ValidSettings.From(expected.Settings), ModelCatalog.All, ComputeDevice.Cpu)
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message));
        Assert.Equal(expected.Lines, Describe(result));
    }

    public static TheoryData<string> FusableCaseNames() => new(Runs.Value
        .Filter(r => RunSettings.Create(r.Settings with { Fused = true }, ModelCatalog.Specs, MemoryBudget.Unlimited).IsSuccess)
        .Map(r => r.Name));

    /// <summary>
    /// The one-pass analytic-gradient path prints what PyTorch's autograd printed for the same settings: every logged
    /// loss to 3 decimals, the parameters and predictions to 4.
    /// </summary>
    [Theory]
    [MemberData(nameof(FusableCaseNames))]
    public void The_fused_path_prints_PyTorchs_losses_parameters_and_predictions(string name)
    {
        var expected = Runs.Value.Find(r => r.Name == name).IfNone(() => throw new InvalidOperationException(name));
        var fused = ValidSettings.From(expected.Settings with { Fused = true });
        var result = NotebookWorkflow.Run(fused, ModelCatalog.All, ComputeDevice.Cpu)
            .Match(Succ: r => r, Fail: e => throw new InvalidOperationException(e.Message));
        Assert.Equal(expected.Lines, Describe(result));
    }

    static string[] Describe(WorkflowResult result)
    {
        var trained = result.Trained;
        return new[] { "initial " + string.Join(" ", trained.Initial.Entries.Map(e => $"{e.Key}=[{string.Join(", ", e.Value.Data.Map(v => ((double)v).ToString("R", CultureInfo.InvariantCulture)))}]")) }
            .Concat(trained.Curve.Points.Map(e => $"{e.Epoch} {F(e.TrainLoss, 3)} {F(e.TestLoss, 3)}"))
            .Append("final " + string.Join(" ", trained.Final.Entries.Map(e => $"{e.Key}=[{string.Join(", ", e.Value.Data.Map(v => $"'{F(v, 4)}'"))}]")))
            .Append("predictions " + string.Join(" ", trained.TestPredictions.ToArray().Select(p => F(p, 4))))
            .ToArray();
    }

    static string F(float value, int digits) => ((double)value).ToString("F" + digits, CultureInfo.InvariantCulture);

    static Seq<ExpectedRun> Parse(string[] lines)
    {
        var runs = new List<ExpectedRun>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("case ")) continue;
            var f = lines[i].Split(' ');
            double D(int k) => double.Parse(f[k], CultureInfo.InvariantCulture);
            int I(int k) => int.Parse(f[k], CultureInfo.InvariantCulture);
            var settings = new SettingsInput(
                D(3), D(4), D(5), D(6), D(7), D(8),
                I(9), D(10), I(11), f.Length > 15 ? Some(I(15)) : None, I(12),
                f[13] == "l1" ? LossKind.L1 : LossKind.Mse, f[14] == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
                f[2], Fused: false);
            var body = lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("case ")).ToArray();
            runs.Add(new ExpectedRun(f[1], settings, body));
        }
        return runs.ToSeq();
    }
}
