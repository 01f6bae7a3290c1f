using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Data;

public static class Datasets
{
    /// <summary><c>int(len(X) * fraction)</c> training samples, as the notebook computes it.</summary>
    public static int TrainCount(int count, double fraction) => (int)Math.Floor(count * fraction);

    /// <summary>
    /// The split of a table read from <paramref name="path"/>, whose row count is known only once it is loaded: it must
    /// leave at least one row to train on and one to test.
    /// </summary>
    public static Validation<Error, DatasetSplit> SplitLoaded(Dataset dataset, double trainFraction, string path)
    {
        var (rows, train) = (dataset.Count, TrainCount(dataset.Count, trainFraction));
        static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        if (rows < 2)
            return Fail<Error, DatasetSplit>(Error.New(
                $"'{path}' has {rows.ToString(CultureInfo.InvariantCulture)} row(s) of data; training needs at least two, one to train on and one to test"));
        return train >= 1 && train < rows
            ? Success<Error, DatasetSplit>(Split(dataset, trainFraction))
            : Fail<Error, DatasetSplit>(Error.New(
                $"--train-split {Show(trainFraction)} of the {rows.ToString(CultureInfo.InvariantCulture)} rows of '{path}' leaves {train.ToString(CultureInfo.InvariantCulture)} " +
                $"for training and {(rows - train).ToString(CultureInfo.InvariantCulture)} for testing; both need at least 1"));
    }

    /// <summary>Two views of the dataset's memory, as the notebook's <c>X[:train_split]</c> and <c>X[train_split:]</c>.</summary>
    public static DatasetSplit Split(Dataset dataset, double trainFraction)
    {
        var trainCount = TrainCount(dataset.Count, trainFraction);
        return new DatasetSplit(dataset.Slice(0, trainCount), dataset.Slice(trainCount, dataset.Count - trainCount));
    }
}
