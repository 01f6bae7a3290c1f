using System.Text.RegularExpressions;
using Functional.Domain.Tensors;
using Functional.Formats.TorchSave;
using Functional.TorchAdapter.Models;
using Functional.TorchAdapter.Training;
using Functional.TorchAdapter.Backend;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Tests.Shared;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Functional.Tests.Deploy;

/// <summary>
/// The models the deploy checks run on: every built-in model (the catalog of src/Models, so a new declaration is
/// checked with no change here) and the ones this project declares (TestModels/), each with values drawn from a seed.
/// </summary>
internal static class DeployModels
{
    public static Seq<TorchModel> All { get; } = Functional.Models.ModelCatalog.All + Functional.Tests.Deploy.Models.ModelCatalog.All;

    public static Seq<string> BuiltInKeys => Functional.Models.ModelCatalog.Keys;

    public static TorchModel Find(string key) => All.Find(model => model.Spec.Key == key).IfNone(() => throw new ArgumentException(key));

    /// <summary>This project's declarations that must not export: the refusals are tested on them (ExportCommandTests).</summary>
    public static readonly string[] Unexportable = ["test-power", "test-broken-chain"];

    /// <summary>
    /// Every model an export check runs on: all built-in ones (a built-in model that cannot be exported is reported as
    /// skipped, with the reason) and the exportable ones declared here.
    /// </summary>
    public static TheoryData<string> Exportable() =>
        new(All.Map(model => model.Spec.Key).Filter(key => !Unexportable.Contains(key)));

    /// <summary>Which declared model a file of this model's values is taken for: itself, unless another has its layout.</summary>
    public static string? FileIsReadAs(string key)
    {
        var layout = Find(key).Spec.StateDict.Parameters.Map(p =>
            new StateEntry(p.Key, new ParameterValues(p.Shape, toSeq(new float[p.Shape.Fold(1L, (n, d) => n * d)]))));
        return ModelMatching.ModelOf(new StateDict(layout.Strict()), All.Map(model => model.Spec)).Map(spec => spec.Key).IfNoneUnsafe((string?)null);
    }

    /// <summary>The model's parameters as <c>torch.manual_seed(seed)</c> then its constructor draws them.</summary>
    public static StateDict SeededState(TorchModel model, long seed)
    {
        using var module = SeededModels.Create(model, seed);
        return module.ToStateDict();
    }

    /// <summary>What PyTorch's torch.save writes for these values, in a file of its own.</summary>
    public static string SavedModel(TempFolder folder, TorchModel model, StateDict state)
    {
        var path = folder.File(model.Spec.Key + ".pt");
        File.WriteAllBytes(path, TorchSaveFormat.Write(state));
        return path;
    }

    /// <summary>Runs <c>export</c> in this process, with both catalogs, as the CLI would; returns the exit code and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Export(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Functional.Cli.CliApp.Run(["export", .. args], All, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>n rows of k inputs spread over [-3, 3], row-major.</summary>
    public static float[] Inputs(int rows, int features) =>
        Enumerable.Range(0, rows * features).Select(i => -3f + 6f * i / Math.Max(1, rows * features - 1)).ToArray();

    /// <summary>Our own predictions: the generated TorchSharp module loaded with the state, in inference mode.</summary>
    public static float[] OurPredictions(TorchModel model, StateDict state, float[] inputs, int features) =>
        Predictions.OfLoaded(model, state, Floats.Of(inputs), features, ComputeDevice.Cpu)
            .Match(Succ: reloaded => reloaded.Predictions.ToArray(), Fail: error => throw new InvalidOperationException(error.Message));

    static readonly string[] PythonClassFiles =
    [
        Path.Combine(AppContext.BaseDirectory, "Shared", "notebook_models.py"),
        Path.Combine(AppContext.BaseDirectory, "test_models.py"),
    ];

    /// <summary>The Python module that defines the PyTorch class of this name, if any (built-in models: tests/Shared/notebook_models.py).</summary>
    public static Option<string> PythonModuleOf(string className) =>
        toSeq(PythonClassFiles)
            .Find(file => File.Exists(file) && Regex.IsMatch(File.ReadAllText(file), $@"^class {Regex.Escape(className)}\(", RegexOptions.Multiline))
            .Map(file => Path.GetFileNameWithoutExtension(file));

    public static string PythonPath => string.Join(":", PythonClassFiles.Select(Path.GetDirectoryName).Distinct());
}
