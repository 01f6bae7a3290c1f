using System.Runtime.CompilerServices;

// The format tests build byte-exact PyTorch archives around hand-made pickles (e.g. a malicious one).
[assembly: InternalsVisibleTo("Functional.Tests.Formats")]
