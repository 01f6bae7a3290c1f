using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Display.Python;
using Functional.Domain.Models;
using Functional.Models;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary><c>inspect PATH</c>: the file's format, its state_dict in PyTorch's repr, and the model it fits.</summary>
public static class InspectCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help")) { stdout.WriteLine(Usage); return ExitCodes.Success; }
        var allowNonFinite = args.Contains("--allow-nonfinite");
        var rest = args.Where(a => a != "--allow-nonfinite").ToList();
        var unknown = rest.Where(a => a.StartsWith("--")).ToList();
        if (unknown.Count > 0 || rest.Count != 1)
            return ErrorReport.Write(stderr, unknown.Count > 0
                ? toSeq(unknown.Select(u => Error.New($"unknown option '{u}' for inspect; usage: {Usage}")))
                : Seq1(Error.New($"inspect needs exactly one model file path; usage: {Usage}")), ExitCodes.BadInput);

        var path = rest[0];
        return ModelFileStore.Load(path, allowNonFinite).Match(
            Succ: file =>
            {
                stdout.WriteLine($"Format: {ModelFileStore.Describe(file.Format)}");
                stdout.WriteLine($"Model: {ModelMatching.ModelOf(file.Loaded.StateDict, ModelCatalog.Specs).Map(k => $"{k.ClassName} (--model {k.Key})").IfNone("no declared model has these keys and shapes")}");
                foreach (var note in file.Loaded.Notes) stdout.WriteLine($"Note: {note}");
                stdout.WriteLine(PythonValue.OrderedDictOf(file.Loaded.StateDict).Pretty());
                return ExitCodes.Success;
            },
            Fail: error => ErrorReport.Write(stderr, error, ExitCodes.BadInput));
    }

    public const string Usage = "functional inspect PATH [--allow-nonfinite]";
}
