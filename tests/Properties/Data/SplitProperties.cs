using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Functional.Domain.Data;
using Functional.Tests.Properties.Arbitraries;
using Functional.TorchAdapter.Data;

namespace Functional.Tests.Properties.Data;

public sealed class SplitProperties
{
    /// <summary>As the notebook: <c>train_split = int(len(X) * 0.8)</c>; the first part trains, the rest tests.</summary>
    [Property]
    public Property The_split_keeps_order_takes_floor_n_times_fraction_for_training_and_loses_nothing() =>
        Prop.ForAll(DataArbitraries.DatasetAndTrainFraction(), input =>
        {
            var (dataset, fraction) = input;
            var split = Datasets.Split(dataset, fraction);
            var expectedTrain = (int)Math.Floor(dataset.Count * fraction);
            return (split.Train.Count == expectedTrain)
                    .Label($"{split.Train.Count} training samples of {dataset.Count} at {fraction}, expected {expectedTrain}")
                .And(split.Train.X.ToArray().Concat(split.Test.X.ToArray()).SequenceEqual(dataset.X.ToArray())
                    .Label("training then test x is not the dataset's x"))
                .And(split.Train.Y.ToArray().Concat(split.Test.Y.ToArray()).SequenceEqual(dataset.Y.ToArray())
                    .Label("training then test y is not the dataset's y"));
        });

    [Xunit.Fact]
    public void The_notebook_split_is_80_80_20_20()
    {
        var split = Datasets.Split(LineData.Line(DatasetSpec.Notebook), 0.8);
        Xunit.Assert.Equal((80, 80, 20, 20), (split.Train.X.Length, split.Train.Y.Length, split.Test.X.Length, split.Test.Y.Length));
    }
}
