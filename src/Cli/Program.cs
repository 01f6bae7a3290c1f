return Functional.Cli.CliApp.Run(args, Console.Out, Console.Error);
