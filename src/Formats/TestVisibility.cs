using System.Runtime.CompilerServices;

// The format tests build byte-exact PyTorch archives around hand-made pickles (e.g. a malicious one); the CLI tests
// build the same hostile files to run the real program on them.
[assembly: InternalsVisibleTo("Functional.Tests.Formats")]
[assembly: InternalsVisibleTo("Snapshots")]
