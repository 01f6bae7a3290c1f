return Functional.Cli.Native.FastExit.AfterFlushing(
    Functional.Cli.CliApp.Run(args, Functional.Models.ModelCatalog.All, Console.Out, Console.Error));
