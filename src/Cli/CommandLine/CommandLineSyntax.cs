using System.CommandLine;
using System.CommandLine.Help;
using LanguageExt;
using LanguageExt.Common;

namespace Functional.Cli.CommandLine;

/// <summary>A command as --help introduces it: a title line and its usage lines.</summary>
public sealed record CommandDoc(string Title, IReadOnlyList<string> Usage, IReadOnlyList<IFlag> Flags, string ExitCodes);

/// <summary>The parsed command line: which command, its request as typed, and every problem the parser found.</summary>
public sealed record ParsedCommandLine(ParseResult Result, Seq<Error> Problems)
{
    public Command Command => Result.CommandResult.Command;

    public bool AsksForHelp => Result.Action is HelpAction;
}

/// <summary>
/// The command line as System.CommandLine declares it. <c>train</c> is also the root command's own behaviour, so
/// <c>functional --epochs 100</c> trains, as does <c>functional</c> alone. Built afresh for every run (System.CommandLine's
/// symbols are mutable, so none is shared between runs).
/// </summary>
public sealed class CommandLineSyntax
{
    public const string Invocation = "dotnet run --project src/Cli --";

    const string ExitCodesOfTraining = "Exit codes: 0 success, 1 failure while running, 2 bad input, 130 stopped by Ctrl+C (no model file written).";
    const string ExitCodesOfReading = "Exit codes: 0 success, 1 failure while running, 2 bad input.";

    public TrainFlags TrainFlags { get; } = new();
    public PredictFlags PredictFlags { get; } = new();
    public InspectFlags InspectFlags { get; } = new();
    public ExportFlags ExportFlags { get; } = new();

    public RootCommand Root { get; }
    public Command Train { get; }
    public Command Predict { get; }
    public Command Inspect { get; }
    public Command Export { get; }

    readonly IReadOnlyDictionary<Command, CommandDoc> docs;

    public CommandLineSyntax()
    {
        Root = new RootCommand("the PyTorch 01 workflow notebook in C# (make a line, train a model on it, save and reload it)");
        Train = new Command("train", "the notebook: make the line, train, save, reload and compare (the default command)");
        Predict = new Command("predict", "predictions of a saved model, on given x or on the notebook's test split");
        Inspect = new Command("inspect", "a model file's format, the declared model it fits, and its state_dict");
        Export = new Command("export", "a saved model as an ONNX file, to run with ONNX Runtime");

        // Neither --version nor [directives] were ever part of this command line; they would only shadow mistakes.
        foreach (var version in Root.Options.OfType<VersionOption>().ToList()) Root.Options.Remove(version);
        Root.Directives.Clear();

        foreach (var flag in TrainFlags.All)
        {
            Root.Options.Add(flag.Option);
            Train.Options.Add(flag.Option);
        }
        foreach (var flag in PredictFlags.All) Predict.Options.Add(flag.Option);
        Inspect.Arguments.Add(InspectFlags.Path);
        foreach (var flag in InspectFlags.All) Inspect.Options.Add(flag.Option);
        foreach (var flag in ExportFlags.All) Export.Options.Add(flag.Option);
        Root.Subcommands.Add(Train);
        Root.Subcommands.Add(Predict);
        Root.Subcommands.Add(Inspect);
        Root.Subcommands.Add(Export);

        string[] trainUsage = [$"{Invocation} [train] [options]", $"{Invocation} predict --model PATH [--x X1 X2 ...] [--allow-nonfinite]",
            $"{Invocation} inspect PATH [--allow-nonfinite]", $"{Invocation} export --model PATH --onnx OUT.onnx", $"{Invocation} COMMAND --help"];
        docs = new Dictionary<Command, CommandDoc>
        {
            [Root] = new($"functional: {Root.Description}", trainUsage, TrainFlags.All, ExitCodesOfTraining),
            [Train] = new($"functional train: {Train.Description}", trainUsage, TrainFlags.All, ExitCodesOfTraining),
            [Predict] = new($"functional predict: {Predict.Description}",
                [$"{Invocation} predict --model PATH [--x X1 X2 ...] [--allow-nonfinite]"], PredictFlags.All, ExitCodesOfReading),
            [Inspect] = new($"functional inspect: {Inspect.Description}",
                [$"{Invocation} inspect PATH [--allow-nonfinite]"], InspectFlags.All, ExitCodesOfReading),
            [Export] = new($"functional export: {Export.Description}",
                [$"{Invocation} export --model PATH --onnx OUT.onnx"], ExportFlags.All, ExitCodesOfReading),
        };
    }

    public CommandDoc DocOf(Command command) => docs[command];

    public bool Trains(Command command) => command == Root || command == Train;

    public ParsedCommandLine Parse(IReadOnlyList<string> args)
    {
        // Response files (@file) would read files named on the command line before anything is checked.
        var result = Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return new ParsedCommandLine(result, ParseProblems.Of(result, args, AllFlags()));
    }

    IReadOnlyList<IFlag> AllFlags() => [.. TrainFlags.All, .. PredictFlags.All, .. InspectFlags.All, .. ExportFlags.All];
}
