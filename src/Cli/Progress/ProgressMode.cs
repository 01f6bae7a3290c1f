namespace Functional.Cli.Progress;

/// <summary>When the live progress bar shows: on a terminal for long runs, always (even redirected), or never.</summary>
public enum ProgressMode { Auto, Always, Never }
