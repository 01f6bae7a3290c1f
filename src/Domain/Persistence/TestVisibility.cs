using System.Runtime.CompilerServices;

// The property tests build byte-exact PyTorch archives around hand-made pickles (e.g. a malicious one).
[assembly: InternalsVisibleTo("Properties")]
