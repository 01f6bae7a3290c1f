using System.CommandLine;
using Functional.Domain.Models;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.CommandLine;

/// <summary>
/// --help, written from the declared command line: every flag with its value name, what it does and its default, and,
/// for the main job, every declared model with its state_dict.
/// </summary>
public static class HelpText
{
    public static Seq<string> For(CommandLineSyntax syntax, Command command, Seq<ModelSpec> models)
    {
        var doc = syntax.DocOf(command);
        var flags = doc.Flags.ToDictionary(flag => flag.Option);
        var options = command.Options
            .Where(flags.ContainsKey)
            .Select(option => Row($"{option.Name} {option.HelpName}", Described(option.Description, flags[option].DefaultText)))
            .Append(Row("-h, --help", "show this help and exit"))
            .ToList();
        var arguments = command.Arguments.Select(argument => Row(argument.Name, argument.Description ?? "")).ToList();
        var modelRows = syntax.Trains(command)
            ? models.Map(model => Row(model.Key, $"{model.ClassName}: {model.DescribeLayout()}")).ToList()
            : [];
        var commands = command.Subcommands.Select(subcommand => Row(subcommand.Name, subcommand.Description ?? "")).ToList();
        var width = options.Concat(arguments).Concat(commands).Max(row => row.Left.Length) + 4;
        // A long model key widens only the model section, so declaring a model changes no other line of --help.
        var modelWidth = modelRows.Select(row => row.Left.Length + 4).Append(width).Max();

        var lines = new List<string> { doc.Title, "" };
        lines.AddRange(doc.Usage.Select((usage, i) => (i == 0 ? "Usage: " : "       ") + usage));
        if (commands.Count > 0)
        {
            lines.AddRange(["", "Commands:"]);
            lines.AddRange(commands.Select(row => row.Render(width)));
        }
        if (arguments.Count > 0)
        {
            lines.AddRange(["", "Arguments:"]);
            lines.AddRange(arguments.Select(row => row.Render(width)));
        }
        lines.AddRange(["", syntax.Trains(command) ? "Options (defaults are the notebook's values):" : "Options:"]);
        lines.AddRange(options.Select(row => row.Render(width)));
        if (modelRows.Count > 0)
        {
            lines.AddRange(["", "Models (--model):"]);
            lines.AddRange(modelRows.Select(row => row.Render(modelWidth)));
        }
        lines.AddRange(["", doc.ExitCodes]);
        return toSeq(lines).Strict();
    }

    static string Described(string? description, string defaultText) =>
        defaultText.Length == 0 ? description ?? "" : $"{description} (default: {defaultText})";

    static HelpRow Row(string left, string right) => new(left.TrimEnd(), right);

    sealed record HelpRow(string Left, string Right)
    {
        public string Render(int width) => ("  " + Left).PadRight(width) + Right;
    }
}
