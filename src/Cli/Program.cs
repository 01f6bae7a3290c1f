return Functional.Cli.Native.FastExit.AfterFlushing(
    Functional.Cli.Output.ConsoleStreams.Run((stdout, stderr) => Functional.Cli.CliApp.Run(args, Functional.Models.ModelCatalog.All, stdout, stderr)));
