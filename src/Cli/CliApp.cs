using Functional.Cli.Commands;

namespace Functional.Cli;

/// <summary>The imperative shell's entry: the first word picks a command; without one, the notebook's main job runs.</summary>
public static class CliApp
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) =>
        args.Count > 0 && args[0] == "predict" ? PredictCommand.Run(args.Skip(1).ToList(), stdout, stderr)
        : args.Count > 0 && args[0] == "inspect" ? InspectCommand.Run(args.Skip(1).ToList(), stdout, stderr)
        : TrainCommand.Run(args, stdout, stderr);
}
