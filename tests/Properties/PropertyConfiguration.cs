using FsCheck.Xunit;

// CI runs every property from one fixed seed (FsCheck requires the second number, gamma, to be odd) so a red build reproduces exactly; locally each run explores new
// cases. FsCheck prints the seed of any failure ("Replay"), which can be pasted into [Property(Replay = ...)].
#if CI
[assembly: Properties(Replay = "(20261125,4243)", MaxTest = 100)]
#else
[assembly: Properties(MaxTest = 100)]
#endif

// libtorch's default CPU generator is process-wide. TorchAdapter's SeededModels seeds and draws under one lock, but
// anything else drawing from it at the same time (a test's own manual_seed, say) would interleave: classes run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
