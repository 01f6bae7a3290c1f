using System.Globalization;
using Functional.Cli.Native;
using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Display.PyTorch;
using Functional.Domain.Data;
using Functional.Domain.Models;
using Functional.Domain.Settings;
using Functional.Domain.Tensors;
using Functional.Domain.Training;
using Functional.Domain.Workflow;
using Functional.Domain;
using Functional.Models;
using Functional.TorchAdapter.Backend;
using Functional.TorchAdapter.Data;
using Functional.TorchAdapter.Training;
using Functional.TorchAdapter.Workflow;
using LanguageExt.Common;
using LanguageExt;
using TorchSharp;
using static LanguageExt.Prelude;
using static TorchSharp.torch;

namespace Functional.Cli.Commands;

/// <summary><c>predict --model PATH [--x 0.5 0.9 ...]</c>: predictions of a saved model, on given x or the notebook's test split.</summary>
public static class PredictCommand
{
    public const string Usage = "functional predict --model PATH [--x X1 X2 ...] [--allow-nonfinite]";

    sealed record PredictOptions(string? ModelPath, Option<Seq<float>> Inputs, bool AllowNonFinite);

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help")) { stdout.WriteLine(Usage); return ExitCodes.Success; }
        var (options, problems) = Parse(args);
        if (options.ModelPath is null) problems = problems.Add(Error.New($"predict needs --model PATH, the saved model file; usage: {Usage}"));
        if (!problems.IsEmpty) return ErrorReport.Write(stderr, problems, ExitCodes.BadInput);
        var path = options.ModelPath!;

        var loaded =
            from file in ModelFileStore.Load(path, options.AllowNonFinite)
            from spec in ModelMatching.RequireModel(file.Loaded.StateDict, ModelCatalog.Specs, path)
            from kind in ModelCatalog.Find(spec.Key).ToFin(Error.New($"unknown model '{spec.Key}'"))
            select (file.Loaded, kind);
        if (loaded.IsFail) return loaded.Match(Succ: _ => ExitCodes.Success, Fail: e => ErrorReport.Write(stderr, e, ExitCodes.BadInput));

        return TorchBackend.LoadAndPickDevice().Bind(device => loaded.Bind(found =>
        {
            var inputs = options.Inputs.Map(x => Floats.Of(x.ToArray())).IfNone(() => NotebookTestInputs());
            return Predictions.OfLoaded(found.kind, found.Loaded.StateDict, inputs, 1, device)
                .Map(reloaded => (found.kind, Predictions: reloaded.Predictions));
        })).Match(
            Succ: result =>
            {
                stderr.WriteLine($"Model: {result.kind.Spec.ClassName} (--model {result.kind.Spec.Key})");
                stdout.WriteLine(PyTorchRepr.Tensor([result.Predictions.Length, 1L], result.Predictions.Memory));
                return ExitCodes.Success;
            },
            Fail: e => ErrorReport.Write(stderr, e, ExitCodes.Failure));
    }

    static Floats NotebookTestInputs() =>
        Datasets.Split(LineData.Line(DatasetSpec.Notebook), SettingsInput.Notebook.TrainSplit).Test.X;

    static (PredictOptions Options, Seq<Error> Problems) Parse(IReadOnlyList<string> args)
    {
        var options = new PredictOptions(null, None, false);
        var problems = Seq<Error>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--model" when i + 1 < args.Count:
                    options = options with { ModelPath = args[++i] };
                    break;
                case "--allow-nonfinite":
                    options = options with { AllowNonFinite = true };
                    break;
                case "--x":
                    var values = new List<float>();
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--"))
                    {
                        var text = args[++i];
                        if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)) values.Add(value);
                        else problems = problems.Add(Error.New($"--x expects finite numbers such as 0.5, got '{text}'"));
                    }
                    if (values.Count == 0 && problems.IsEmpty) problems = problems.Add(Error.New("--x needs at least one number, e.g. --x 0.5 0.9"));
                    options = options with { Inputs = Some(toSeq(values).Strict()) };
                    break;
                default:
                    problems = problems.Add(Error.New(args[i] == "--model"
                        ? "--model needs the path of a saved model file"
                        : $"unknown argument '{args[i]}' for predict; usage: {Usage}"));
                    break;
            }
        }
        return (options, problems);
    }
}
