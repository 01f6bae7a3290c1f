using Functional.Cli;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using Functional.Tests.Shared;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Workflow;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Deploy;

/// <summary>
/// <c>export</c> refuses what it cannot write with one <c>error:</c> line per problem and exit code 2, and then writes
/// nothing: no new file, an existing one left byte for byte as it was, no temporary left behind.
/// </summary>
public sealed class ExportCommandTests
{
    static readonly byte[] Existing = "an earlier export"u8.ToArray();

    /// <summary>Runs export into a folder holding an earlier out.onnx; returns exit code, stderr lines and the folder's files afterwards.</summary>
    static (int ExitCode, string Stdout, string[] Errors, string[] Files) Refused(TempFolder folder, Func<string, string[]> args)
    {
        File.WriteAllBytes(folder.File("out.onnx"), Existing);
        var (exit, stdout, stderr) = DeployModels.Export(args(folder.File("out.onnx")));
        Assert.Equal(Existing, File.ReadAllBytes(folder.File("out.onnx")));
        return (exit, stdout, stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'),
            FileNames(folder));
    }

    static string[] FileNames(TempFolder folder) =>
        Directory.EnumerateFiles(folder.Path).Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToArray();

    static string Saved(TempFolder folder, string key) =>
        DeployModels.SavedModel(folder, DeployModels.Find(key), DeployModels.SeededState(DeployModels.Find(key), seed: 3));

    [Fact]
    public void A_model_whose_forward_has_no_graph_is_refused_in_one_line_naming_the_construct()
    {
        using var folder = new TempFolder();
        var model = Saved(folder, "test-power");

        var run = Refused(folder, onnx => ["--model", model, "--onnx", onnx]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: model 'test-power' (PowerModel) cannot be exported to ONNX: its Forward uses the call 'x.pow(2)', " +
                      "which the generator cannot translate (warning FMG014 when it was built)"], run.Errors);
        Assert.Equal(["out.onnx", "test-power.pt"], run.Files);
    }

    /// <summary>The same model trains: only the export depends on the graph; the module runs the declared Forward.</summary>
    [Fact]
    public void A_model_whose_forward_has_no_graph_still_trains()
    {
        var settings = RunSettings.Create(SettingsInput.Notebook with { Model = "test-power", Epochs = 40 }, DeployModels.All.Map(m => m.Spec), MemoryBudget.Unlimited)
            .Match(Succ: s => s, Fail: e => throw new InvalidOperationException(e.Head.Message));

        var result = NotebookWorkflow.Run(settings, DeployModels.All, ComputeDevice.Cpu);

        Assert.True(result.IsSucc, result.Match(Succ: _ => "", Fail: e => e.Message));
    }

    [Fact]
    public void Layers_whose_shapes_do_not_chain_are_refused_naming_the_layer()
    {
        using var folder = new TempFolder();
        var model = Saved(folder, "test-broken-chain");

        var run = Refused(folder, onnx => ["--model", model, "--onnx", onnx]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: model 'test-broken-chain' (BrokenChainModel) cannot be exported to ONNX: layer 'output' takes 4 features but is given 8"], run.Errors);
    }

    [Fact]
    public void Missing_flags_are_all_reported_at_once()
    {
        var (exit, stdout, stderr) = DeployModels.Export();

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(["error: export needs --model PATH, the saved model file (see export --help)",
                      "error: export needs --onnx PATH, where to write the ONNX file (see export --help)"],
            stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_file_that_fits_no_declared_model_is_refused()
    {
        using var folder = new TempFolder();
        var model = folder.File("other.pt");
        File.WriteAllBytes(model, TorchSaveFormat.Write(new StateDict(Seq1(new StateEntry("slope", ParameterValues.Scalar(1f))))));

        var run = Refused(folder, onnx => ["--model", model, "--onnx", onnx]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"error: '{model}' holds no parameters any declared model has"], run.Errors);
        Assert.Equal(["other.pt", "out.onnx"], run.Files);
    }

    [Fact]
    public void The_model_file_itself_is_never_the_output()
    {
        using var folder = new TempFolder();
        var model = Saved(folder, "parameters");
        var before = File.ReadAllBytes(model);

        var (exit, _, stderr) = DeployModels.Export("--model", model, "--onnx", model);

        Assert.Equal(2, exit);
        Assert.StartsWith($"error: --onnx '{model}' is the model file itself", stderr);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void An_unwritable_output_and_a_missing_model_file_are_reported_together_before_anything_is_read()
    {
        var (exit, _, stderr) = DeployModels.Export("--model", "/nonexistent/model.pt", "--onnx", "/proc/functional/model.onnx");

        Assert.Equal(2, exit);
        Assert.Equal(["error: --onnx '/proc/functional/model.onnx' cannot be written: no permission to write in '/proc'; choose a writable path"],
            stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_successful_export_replaces_the_file_whole_names_the_model_on_stderr_and_leaves_no_temporary()
    {
        using var folder = new TempFolder();
        var model = Saved(folder, "linear-layer");
        File.WriteAllBytes(folder.File("out.onnx"), Existing);

        var (exit, stdout, stderr) = DeployModels.Export("--model", model, "--onnx", folder.File("out.onnx"));

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Equal($"Model: linear-layer (LinearRegressionModelV2)\nWrote {folder.File("out.onnx")} (ONNX, opset 13)\n", stderr.ReplaceLineEndings("\n"));
        Assert.Equal(["linear-layer.pt", "out.onnx"], FileNames(folder));
        Assert.NotEqual(Existing, File.ReadAllBytes(folder.File("out.onnx")));
    }

    /// <summary>
    /// Export needs no libtorch: a copy of the CLI whose TorchSharp native library is not loadable (and with no NuGet
    /// folder to fall back on) still exports, to the same bytes; predict, which does need it, fails there.
    /// </summary>
    [Fact]
    public void Export_runs_without_libtorch()
    {
        using var folder = new TempFolder();
        var model = Saved(folder, "parameters");
        Assert.Equal(0, DeployModels.Export("--model", model, "--onnx", folder.File("in-process.onnx")).ExitCode);
        var copy = folder.File("cli");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Path.GetFileName(file) is "libLibTorchSharp.so" or "libtorch.so" or "libtorch_cpu.so") File.WriteAllText(target, "not a shared library");
            else if (file.Contains(".so")) File.CreateSymbolicLink(target, file);
            else File.Copy(file, target);
        }

        var export = Cli(copy, folder, "export", "--model", model, "--onnx", folder.File("copy.onnx"));
        var predict = Cli(copy, folder, "predict", "--model", model, "--x", "0.5");

        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Equal(File.ReadAllBytes(folder.File("in-process.onnx")), File.ReadAllBytes(folder.File("copy.onnx")));
        Assert.Equal(1, predict.ExitCode);
        Assert.StartsWith("error: the TorchSharp native backend could not be loaded: ", predict.Stderr);
    }

    static (int ExitCode, string Stderr) Cli(string cliFolder, TempFolder folder, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder.Path,
        };
        start.Environment["NUGET_PACKAGES"] = folder.File("empty-nuget");
        start.ArgumentList.Add(Path.Combine(cliFolder, "functional.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }
}
