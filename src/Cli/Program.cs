// First, while the process has one thread: setenv must not race another thread's getenv.
Functional.TorchAdapter.Backend.PyTorchArithmetic.UseEverywhere();
return Functional.Cli.Native.FastExit.AfterFlushing(
    Functional.Cli.Output.ConsoleStreams.Run((stdout, stderr) => Functional.Cli.CliApp.Run(args, Functional.Models.ModelCatalog.All, stdout, stderr)));
