namespace Functional.Domain.Data;

public static class Datasets
{
    /// <summary><c>int(len(X) * fraction)</c> training samples, as the notebook computes it.</summary>
    public static int TrainCount(int count, double fraction) => (int)Math.Floor(count * fraction);

    /// <summary>Two views of the dataset's memory, as the notebook's <c>X[:train_split]</c> and <c>X[train_split:]</c>.</summary>
    public static DatasetSplit Split(Dataset dataset, double trainFraction)
    {
        var trainCount = TrainCount(dataset.Count, trainFraction);
        return new DatasetSplit(dataset.Slice(0, trainCount), dataset.Slice(trainCount, dataset.Count - trainCount));
    }
}
