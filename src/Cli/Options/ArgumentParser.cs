using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Cli.Options;

/// <summary>Reads <c>--flag value</c> pairs (or <c>--flag=value</c>) and reports every bad flag at once.</summary>
public static class ArgumentParser
{
    /// <summary>The options as far as they parsed, and every problem; a bad flag keeps its default so later checks still run.</summary>
    public static (CliOptions Options, Seq<Error> Errors) Parse(IReadOnlyList<string> args)
    {
        var options = CliOptions.Defaults;
        var errors = Seq<Error>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitInline(args[i]);
            if (name is "--help" or "-h")
            {
                options = options with { ShowHelp = true };
                continue;
            }
            var spec = OptionTable.All.Find(o => o.Name == name);
            if (spec.IsNone)
            {
                errors = errors.Add(Error.New(name.StartsWith('-')
                    ? $"unknown option '{name}'; run with --help to list the options"
                    : $"unexpected argument '{name}'; options are written --name value (see --help)"));
                // An unknown flag's value is not a second problem.
                if (name.StartsWith('-') && inlineValue is null && i + 1 < args.Count && !IsFlag(args[i + 1])) i++;
                continue;
            }
            if (spec.Exists(s => !s.TakesValue))
            {
                if (inlineValue is not null) errors = errors.Add(Error.New($"{name} takes no value, got '{inlineValue}'"));
                else options = spec.Map(s => s.Apply(options, "").Match(Succ: updated => updated, Fail: _ => options)).IfNone(options);
                continue;
            }
            var value = inlineValue ?? (i + 1 < args.Count && !IsFlag(args[i + 1]) ? args[++i] : null);
            if (value is null)
            {
                errors = errors.Add(Error.New($"{name} needs a value, e.g. {name} {spec.Map(s => s.Default(CliOptions.Defaults)).IfNone("")}"));
                continue;
            }
            var current = options;
            spec.Map(s => s.Apply(current, value)).IfSome(result => result.Match(
                Succ: updated => options = updated,
                Fail: problems => errors = errors + problems));
        }
        return (options, errors);
    }

    /// <summary>A negative number such as <c>-1</c> is a value, not a flag.</summary>
    static bool IsFlag(string arg) => arg.StartsWith("--") || (arg.StartsWith('-') && arg.Length > 1 && !char.IsDigit(arg[1]) && arg[1] != '.');

    static (string Name, string? Value) SplitInline(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--") && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
