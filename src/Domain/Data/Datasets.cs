namespace Functional.Domain.Data;

public static class Datasets
{
    /// <summary><c>int(len(X) * fraction)</c> training samples, as the notebook computes it.</summary>
    public static int TrainCount(int count, double fraction) => (int)Math.Floor(count * fraction);

    public static DatasetSplit Split(Dataset dataset, double trainFraction)
    {
        var trainCount = TrainCount(dataset.Count, trainFraction);
        return new DatasetSplit(
            new Dataset(dataset.X.Take(trainCount).Strict(), dataset.Y.Take(trainCount).Strict()),
            new Dataset(dataset.X.Skip(trainCount).Strict(), dataset.Y.Skip(trainCount).Strict()));
    }
}
