using Functional.Tests.Shared;
using Xunit;

namespace Functional.Tests.Snapshots;

/// <summary>
/// A bad table gets one <c>error:</c> line per problem naming the file, and the line and column where there is one;
/// exit code 2, nothing on stdout, nothing written: for <c>train --data</c> and for <c>predict --input</c>, whose
/// existing output stays byte-identical. The expected beginnings of the lines are written here by hand from the files.
/// </summary>
public sealed class BadDataFileTests
{
    sealed record Scenario(string Name, string Content, string[] Flags, string[] Expected);

    static readonly Scenario[] TrainScenarios =
    [
        new("missing_cell", "a,b,y\n1,,3\n4,5,6\n", [], ["error: 'data.csv' line 2, column 2 (b): the value is missing"]),
        new("non_numeric_cell", "a,b,y\n1,2,3\n4,five,6\n", [], ["error: 'data.csv' line 3, column 2 (b): 'five' is not a number"]),
        new("nan_and_infinity", "a,b,y\n1,NaN,3\n4,5,-inf\n7,8,9\n", [],
            ["error: 'data.csv' line 2, column 2 (b): 'NaN' is not a number (NaN)", "error: 'data.csv' line 3, column 3 (y): '-inf' is infinite"]),
        new("beyond_float32", "a,b,y\n1,2,3\n4,5,1e39\n", [], ["error: 'data.csv' line 3, column 3 (y): 1e39 is beyond float32's range"]),
        new("ragged_rows", "a,b,y\n1,2,3\n4,5\n6,7,8,9\n", [],
            ["error: 'data.csv' line 3: 2 values, but the header names 3 columns", "error: 'data.csv' line 4: 4 values, but the header names 3 columns"]),
        new("unknown_columns", "a,b,y\n1,2,3\n4,5,6\n", ["--target", "price", "--features", "a,size"],
            ["error: --target 'price' is not a column of 'data.csv'; its columns are: a, b, y", "error: --features 'size' is not a column of 'data.csv'"]),
        new("target_also_a_feature", "a,b,y\n1,2,3\n4,5,6\n", ["--target", "y", "--features", "a,y"], ["error: --target 'y' is also in --features"]),
        new("a_model_of_one_input_on_two", "a,b,y\n1,2,3\n4,5,6\n", ["--model", "parameters"],
            ["error: --model 'parameters' (LinearRegressionModel) takes 1 input feature, but 'data.csv' gives 2 (a, b); use --model linear"]),
        new("one_row", "a,b,y\n1,2,3\n", [], ["error: 'data.csv' has 1 row(s) of data; training needs at least two"]),
        new("header_only", "a,b,y\n", [], ["error: 'data.csv' has 0 row(s) of data; training needs at least two"]),
        new("empty_file", "", [], ["error: 'data.csv' is empty; a table needs a header row"]),
        new("no_header", "1,2,3\n4,5,6\n", [], ["error: 'data.csv' line 1 holds numbers, not column names"]),
        new("every_cell_problem_at_once", "a,b,y\n1,,3\nx,5,6\n7,8\n", [],
            ["error: 'data.csv' line 2, column 2 (b): the value is missing", "error: 'data.csv' line 3, column 1 (a): 'x' is not a number",
             "error: 'data.csv' line 4: 2 values, but the header names 3 columns"]),
        // The columns are checked with the flags; the values are read only once every setting is valid.
        new("a_bad_column_with_a_bad_flag", "a,b,y\n1,2,3\n4,5,6\n", ["--epochs", "0", "--target", "q"],
            ["error: --target 'q' is not a column of 'data.csv'", "error: --epochs must be a whole number of at least 1"]),
    ];

    public static TheoryData<string> TrainNames() => new(TrainScenarios.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(TrainNames))]
    public void Train_refuses_a_bad_table_one_line_per_problem_exit_2_nothing_written(string name)
    {
        var scenario = TrainScenarios.Single(s => s.Name == name);
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("data.csv"), scenario.Content);
        string[] model = scenario.Flags.Contains("--model") ? [] : ["--model", "linear"];
        var run = CliProcess.RunIn(folder.Path, ["train", "--data", "data.csv", .. model, .. scenario.Flags]);
        AssertRefused(run, scenario.Expected, ["data.csv"]);
    }

    static readonly Scenario[] PredictScenarios =
    [
        new("missing_and_non_numeric_cells", "area,age,rooms\n1,,3\n2,x,1\n", [],
            ["error: 'data.csv' line 2, column 2 (age): the value is missing", "error: 'data.csv' line 3, column 2 (age): 'x' is not a number"]),
        new("nan_infinity_and_a_ragged_row", "area,age,rooms\n1,nan,3\n2,3\n1,2,inf\n", [],
            ["error: 'data.csv' line 2, column 2 (age): 'nan' is not a number (NaN)", "error: 'data.csv' line 3: 2 values, but the header names 3 columns",
             "error: 'data.csv' line 4, column 3 (rooms): 'inf' is infinite"]),
        new("unknown_feature", "area,age,rooms\n1,2,3\n", ["--features", "area,age,floors"], ["error: --features 'floors' is not a column of 'data.csv'"]),
        new("more_columns_than_the_model_reads", "area,age,rooms,price\n1,2,3,4\n", [], ["error: the model reads 3 inputs, but 'data.csv' has 4 columns"]),
        new("header_only", "area,age,rooms\n", [], ["error: 'data.csv' has a header but no rows"]),
        new("empty_file", "", [], ["error: 'data.csv' is empty"]),
        new("no_header", "1,2,3\n", [], ["error: 'data.csv' line 1 holds numbers, not column names"]),
        new("a_problem_in_a_later_block", "area,age,rooms\n" + string.Concat(Enumerable.Repeat("1,2,3\n", 70_000)) + "1,2,oops\n", [],
            ["error: 'data.csv' line 70002, column 3 (rooms): 'oops' is not a number"]),
    ];

    public static TheoryData<string> PredictNames() => new(PredictScenarios.Select(s => s.Name));

    static readonly Lazy<byte[]> ThreeFeatureModel = new(() =>
    {
        var run = CliProcess.Run("train", "--data", RepositoryFiles.PathOf("examples/houses.csv"), "--model", "linear", "--epochs", "1", "--out", "houses.pt", "--no-plots", "--no-runs");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return File.ReadAllBytes(Path.Combine(run.WorkingDirectory, "houses.pt"));
    });

    [Theory]
    [MemberData(nameof(PredictNames))]
    public void Predict_refuses_a_bad_table_one_line_per_problem_exit_2_and_leaves_the_output_as_it_was(string name)
    {
        var scenario = PredictScenarios.Single(s => s.Name == name);
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("houses.pt"), ThreeFeatureModel.Value);
        File.WriteAllText(folder.File("data.csv"), scenario.Content);
        File.WriteAllText(folder.File("predictions.csv"), "an earlier output\n");
        var run = CliProcess.RunIn(folder.Path, ["predict", "--model", "houses.pt", "--input", "data.csv", "--output", "predictions.csv", .. scenario.Flags]);
        AssertRefused(run, scenario.Expected, ["data.csv", "houses.pt", "predictions.csv"]);
        Assert.Equal("an earlier output\n", File.ReadAllText(folder.File("predictions.csv")));
    }

    static void AssertRefused(CliRun run, string[] expected, string[] filesLeft)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(filesLeft, CliProcess.FilesLeft(run));
        var lines = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(expected.Length == lines.Length, run.Stderr);
        Assert.All(expected.Zip(lines), pair => Assert.StartsWith(pair.Item1, pair.Item2));
    }
}
