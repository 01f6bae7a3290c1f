using ArgumentArity = System.CommandLine.ArgumentArity;
using ParseResult = System.CommandLine.ParseResult;
using Functional.Cli.Commands;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Cli.CommandLine;

/// <summary>The flags of <c>predict</c>.</summary>
public sealed class PredictFlags
{
    public Flag<string> Model { get; } = Flags.Text("--model", "PATH", "the saved model file (torch.save or safetensors), required", "");
    public ListFlag<float> Inputs { get; } = Flags.Numbers("--x", "X1 X2 ...", "the inputs to predict",
        "the notebook's test split", "0.5 0.9");
    public Switch AllowNonFinite { get; } = Flags.Switch("--allow-nonfinite", "load a file that holds NaN or infinite values",
        "such a file is refused");

    public Flag<string> Input { get; } = Flags.OptionalText("--input", "FILE.csv",
        "a CSV table to predict from (a header row, then one row of numbers per sample); needs --output", "none", "data.csv");
    public Flag<string> Output { get; } = Flags.OptionalText("--output", "FILE.csv",
        "where to write --input's rows with a prediction column added", "none", "predictions.csv");
    public Flag<string[]?> Features { get; } = Flags.Names("--features", "A,B,...", "the columns of --input the model reads, in training's order",
        "every column, when there are as many as the model's inputs", "sqft,rooms");

    public IReadOnlyList<IFlag> All => [Model, Inputs, Input, Output, Features, AllowNonFinite];

    public PredictRequest Read(ParseResult parse) =>
        new(Optional(Model.ValueIn(parse)).Filter(path => path.Length > 0), Optional(Inputs.ValuesIn(parse)), AllowNonFinite.ValueIn(parse),
            Optional(Input.ValueIn(parse)).Filter(path => path.Length > 0), Optional(Output.ValueIn(parse)).Filter(path => path.Length > 0),
            Optional(Features.ValueIn(parse)).Map(names => toSeq(names).Strict()));
}

/// <summary>The argument and flag of <c>inspect</c>.</summary>
public sealed class InspectFlags
{
    public System.CommandLine.Argument<string?> Path { get; } = new("PATH")
    {
        Description = "the model file to read (torch.save or safetensors, recognised by its content)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Switch AllowNonFinite { get; } = Flags.Switch("--allow-nonfinite", "load a file that holds NaN or infinite values",
        "such a file is refused");

    public IReadOnlyList<IFlag> All => [AllowNonFinite];

    public InspectRequest Read(ParseResult parse) =>
        new(Optional(parse.GetResult(Path) is null ? null : parse.GetValue(Path)), AllowNonFinite.ValueIn(parse));
}
