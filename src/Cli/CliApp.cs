using Functional.Cli.CommandLine;
using Functional.Cli.Commands;
using Functional.Cli.Output;
using Functional.Domain.Settings;
using Functional.TorchAdapter.Models;
using LanguageExt;

namespace Functional.Cli;

/// <summary>The imperative shell's entry: the command line picks a command; without one, the notebook's main job runs.</summary>
public static class CliApp
{
    public static int Run(IReadOnlyList<string> args, Seq<TorchModel> models, TextWriter stdout, TextWriter stderr)
    {
        // Compiling the settings check costs a start-up tens of milliseconds; it happens on the second core while the
        // command line is parsed. It is pure, so checking the notebook's settings once more changes nothing.
        _ = Task.Run(() => RunSettings.Create(SettingsInput.Notebook, models.Map(m => m.Spec), MemoryBudget.Unlimited));
        var syntax = new CommandLineSyntax();
        var parsed = syntax.Parse(args);
        var command = parsed.Command;
        if (parsed.AsksForHelp)
        {
            foreach (var line in HelpText.For(syntax, command, models.Map(m => m.Spec))) stdout.WriteLine(line);
            return ExitCodes.Success;
        }
        return command == syntax.Predict ? PredictCommand.Run(syntax.PredictFlags.Read(parsed.Result), parsed.Problems, models, stdout, stderr)
            : command == syntax.Inspect ? InspectCommand.Run(syntax.InspectFlags.Read(parsed.Result), parsed.Problems, models.Map(m => m.Spec), stdout, stderr)
            : command == syntax.Export ? ExportCommand.Run(syntax.ExportFlags.Read(parsed.Result), parsed.Problems, models.Map(m => m.Spec), stdout, stderr)
            : TrainCommand.Run(syntax.TrainFlags, parsed, models, stdout, stderr);
    }
}
