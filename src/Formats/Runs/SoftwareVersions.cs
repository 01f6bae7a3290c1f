namespace Functional.Formats.Runs;

/// <summary>The versions a run record names, read by the shell (the formats never look at assemblies or the runtime).</summary>
public sealed record SoftwareVersions(string Functional, string TorchSharp, string LibTorch, string DotNet);
