using FsCheck.Xunit;

// CI runs every property from one fixed seed so a red build reproduces exactly; locally each run explores new
// cases. FsCheck prints the seed of any failure ("Replay"), which can be pasted into [Property(Replay = ...)].
#if CI
[assembly: Properties(Replay = "(20261125,4242)", MaxTest = 100)]
#else
[assembly: Properties(MaxTest = 100)]
#endif

// Trainer.Train seeds libtorch's one global CPU generator (manual_seed) and then draws the initial parameters from
// it, so two test classes training at the same time can steal each other's random numbers and fail at random.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
