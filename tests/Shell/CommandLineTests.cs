using Functional.Cli.CommandLine;
using Functional.Domain.Training;
using Xunit;

namespace Functional.Tests.Shell;

/// <summary>The command line as System.CommandLine parses it, read into requests, with every problem in our words.</summary>
public sealed class CommandLineTests
{
    static ParsedCommandLine Parse(params string[] args) => new CommandLineSyntax().Parse(args);

    static string[] Problems(params string[] args) => Parse(args).Problems.Map(e => e.Message).ToArray();

    [Fact]
    public void Without_a_command_the_flags_are_the_train_commands_and_read_the_same_request()
    {
        var syntax = new CommandLineSyntax();
        var root = syntax.Parse(["--epochs", "100", "--loss", "MSE", "--batch-size", "8", "--no-plots"]);
        var train = syntax.Parse(["train", "--epochs", "100", "--loss", "MSE", "--batch-size", "8", "--no-plots"]);

        Assert.True(syntax.Trains(root.Command) && syntax.Trains(train.Command));
        Assert.Equal(syntax.TrainFlags.Read(root.Result), syntax.TrainFlags.Read(train.Result));
        var request = syntax.TrainFlags.Read(root.Result);
        var settings = request.Settings;
        Assert.Equal((100, LossKind.Mse, 8, false), (settings.Epochs, settings.Loss, settings.BatchSize.IfNone(0), request.WritePlots));
    }

    [Fact]
    public void Every_flag_left_out_is_the_notebooks_value()
    {
        var syntax = new CommandLineSyntax();
        var request = syntax.TrainFlags.Read(syntax.Parse([]).Result);
        Assert.Equal(Domain.Settings.SettingsInput.Notebook, request.Settings);
        Assert.Equal(("models/01_pytorch_model", true, "runs", true), (request.OutPath, request.WritePlots, request.RunsFolder, request.WriteRuns));
        Assert.True(request.PlotsCopy.IsNone);
    }

    [Fact]
    public void A_value_that_does_not_read_is_one_problem_in_our_words_and_the_flag_keeps_its_default()
    {
        var syntax = new CommandLineSyntax();
        var parsed = syntax.Parse(["--weight", "abc", "--loss", "huber"]);
        Assert.Equal(["--weight expects a number such as 0.5, got 'abc'", "--loss must be one of l1, mse, got 'huber'"],
            parsed.Problems.Map(e => e.Message).ToArray());
        Assert.Equal(0.3, syntax.TrainFlags.Read(parsed.Result).Settings.Weight);
    }

    [Fact]
    public void An_unknown_flags_value_is_not_a_second_problem_but_a_stray_word_is_one() =>
        Assert.Equal(
            [
                "unknown option '--epoch'; run with --help to list the options",
                "unexpected argument 'stray'; options are written --name value (see --help)",
            ],
            Problems("--epoch", "3", "--lr", "0.1", "stray"));

    [Fact]
    public void A_flag_missing_its_value_or_given_twice_is_named() =>
        Assert.Equal(
            ["--epochs is given 2 times; give it once", "--seed needs a value, e.g. --seed 42"],
            Problems("--epochs", "1", "--epochs", "2", "--seed"));

    [Fact]
    public void Predict_reads_several_numbers_after_one_flag_and_names_each_that_is_not_one()
    {
        var syntax = new CommandLineSyntax();
        var parsed = syntax.Parse(["predict", "--model", "m.pt", "--x", "0.5", "-3", "x1"]);
        Assert.Equal(syntax.Predict, parsed.Command);
        Assert.Equal(["--x expects numbers such as 0.5, got 'x1'"], parsed.Problems.Map(e => e.Message).ToArray());
        Assert.Equal([0.5f, -3f], syntax.PredictFlags.Read(parsed.Result).Inputs.IfNone([]));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("train", "-h")]
    [InlineData("predict", "--help")]
    [InlineData("inspect", "-?")]
    public void Help_is_asked_for_on_every_command(params string[] args) => Assert.True(Parse(args).AsksForHelp);

    [Fact]
    public void Help_lists_every_flag_with_its_default_and_every_declared_model()
    {
        var syntax = new CommandLineSyntax();
        var models = Functional.Models.ModelCatalog.Specs;
        var help = HelpText.For(syntax, syntax.Root, models).ToArray();
        Assert.All(syntax.TrainFlags.All, flag => Assert.Contains(help, line =>
            Starts(line, flag.Option.Name) && line.EndsWith($"(default: {flag.DefaultText})", StringComparison.Ordinal)));
        Assert.All(models, model => Assert.Contains(help, line => Starts(line, model.Key)));
    }

    /// <summary>The help line that lists <paramref name="name"/>: it starts, after indentation, with the name and a space.</summary>
    static bool Starts(string helpLine, string name) => helpLine.TrimStart().StartsWith(name + " ", StringComparison.Ordinal);
}
