using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Functional.Domain.Data;
using Functional.TorchAdapter.Data;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Tests.Properties.Data;

public sealed class SplitProperties
{
    static Arbitrary<(Dataset Dataset, double Fraction)> DatasetsAndFractions() =>
        ArbMap.Default.ArbFor<(NonEmptyArray<NormalFloat>, int)>().Convert(
            t => (Of(t.Item1.Get.Select(f => (float)f.Get).ToArray()), (Math.Abs(t.Item2) % 99 + 1) / 100.0),
            ((Dataset Dataset, double Fraction) p) => (NonEmptyArray<NormalFloat>.NewNonEmptyArray(p.Dataset.X.ToArray().Select(x => NormalFloat.NewNormalFloat(x)).ToArray()), (int)Math.Round(p.Fraction * 100)));

    static Dataset Of(float[] x) => new(Floats.Of(x), Floats.Of(x.Select(v => v * 2 + 1).ToArray()));

    /// <summary>As the notebook: <c>train_split = int(len(X) * 0.8)</c>; the first part trains, the rest tests.</summary>
    [Property]
    public Property The_split_keeps_order_takes_floor_n_times_fraction_for_training_and_loses_nothing() =>
        Prop.ForAll(DatasetsAndFractions(), input =>
        {
            var (dataset, fraction) = input;
            var split = Datasets.Split(dataset, fraction);
            return split.Train.Count == (int)Math.Floor(dataset.Count * fraction)
                   && split.Train.X.ToArray().Concat(split.Test.X.ToArray()).SequenceEqual(dataset.X.ToArray())
                   && split.Train.Y.ToArray().Concat(split.Test.Y.ToArray()).SequenceEqual(dataset.Y.ToArray());
        });

    [Xunit.Fact]
    public void The_notebook_split_is_80_80_20_20()
    {
        var split = Datasets.Split(LineData.Line(DatasetSpec.Notebook), 0.8);
        Xunit.Assert.Equal((80, 80, 20, 20), (split.Train.X.Length, split.Train.Y.Length, split.Test.X.Length, split.Test.Y.Length));
    }
}
