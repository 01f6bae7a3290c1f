using Functional.Cli.Output;
using Functional.Cli.Storage;
using Functional.Display.Reports;
using Functional.Domain.Models;
using Functional.Formats;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Commands;

/// <summary><c>inspect PATH</c>: the file's format, its state_dict in PyTorch's repr, and the declared model it fits.</summary>
public static class InspectCommand
{
    public static int Run(InspectRequest request, Seq<Error> parseProblems, Seq<ModelSpec> models, TextWriter stdout, TextWriter stderr) =>
        (from path in Check(request, parseProblems)
         from file in ModelFileStore.Read(path, request.AllowNonFinite).AsBadInput()
         select new Report(
             ModelFileReports.Inspection(ModelFileFormats.Describe(file.Format), ModelMatching.ModelOf(file.Loaded.StateDict, models),
                 file.Loaded.StateDict, file.Loaded.Notes),
             Seq<string>()))
        .Match(Succ: report => report.Print(stdout, stderr), Fail: error => ErrorReport.Write(stderr, error));

    static Fin<string> Check(InspectRequest request, Seq<Error> parseProblems)
    {
        var problems = parseProblems
            + (request.Path.IsNone ? Seq1(Error.New("inspect needs the path of a model file (see inspect --help)")) : Seq<Error>());
        return problems.IsEmpty ? FinSucc(request.Path.IfNone("")) : FinFail<string>(Exits.BadInput(Error.Many(problems)));
    }
}
