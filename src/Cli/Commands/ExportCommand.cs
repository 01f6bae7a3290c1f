using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Domain.Models;
using Functional.Formats.Onnx;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary>
/// <c>export --model FILE --onnx OUT.onnx</c>: a saved model as ONNX, for ONNX Runtime. Reads the file, finds the
/// declared model it fits, builds the ONNX bytes from the graph the generator compiled (no libtorch is loaded), writes
/// them atomically. Any problem is one line and exit code 2, and nothing is written.
/// </summary>
public static class ExportCommand
{
    public static int Run(ExportRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models, TextWriter stdout, TextWriter stderr) =>
        (from paths in Check(request, parseProblems)
         from file in ModelFileStore.Read(paths.Model, allowNonFinite: false).AsBadInput()
         from spec in ModelMatching.RequireModel(file.Loaded.StateDict, models, paths.Model).AsBadInput()
         from bytes in OnnxExport.Write(spec, file.Loaded.StateDict, AppVersions.Functional).AsBadInput()
         from written in OutputCommit.Write(Seq1(new OutputFile(paths.Onnx, bytes))).AsFailure()
         select new Report(Seq<string>(),
             Seq($"Model: {spec.Key} ({spec.ClassName})", $"Wrote {paths.Onnx} (ONNX, opset {OnnxExport.Opset})")))
        .Match(Succ: report => report.Print(stdout, stderr), Fail: error => ErrorReport.Write(stderr, error));

    /// <summary>The parser's problems, a missing --model or --onnx, an --onnx that cannot be written, all at once.</summary>
    static Fin<(string Model, string Onnx)> Check(ExportRequest request, Seq<Error> parseProblems)
    {
        var problems = parseProblems
            + (request.ModelPath.IsNone ? Seq1(Error.New("export needs --model PATH, the saved model file (see export --help)")) : Seq<Error>())
            + request.OnnxPath.Match(
                Some: onnx => OutputPathCheck.Problems("--onnx", onnx)
                    + (request.ModelPath.Exists(model => SameFile(model, onnx))
                        ? Seq1(Error.New($"--onnx '{onnx}' is the model file itself; write the ONNX file beside it, e.g. {Path.ChangeExtension(onnx, ".onnx")}"))
                        : Seq<Error>()),
                None: () => Seq1(Error.New("export needs --onnx PATH, where to write the ONNX file (see export --help)")));
        return problems.IsEmpty
            ? FinSucc((request.ModelPath.IfNone(""), request.OnnxPath.IfNone("")))
            : FinFail<(string, string)>(Exits.BadInput(Error.Many(problems)));
    }

    static bool SameFile(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b);
}
