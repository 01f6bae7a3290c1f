using ParseResult = System.CommandLine.ParseResult;
using Functional.Cli.Commands;
using static LanguageExt.Prelude;

namespace Functional.Cli.CommandLine;

/// <summary>The flags of <c>export</c>.</summary>
public sealed class ExportFlags
{
    public Flag<string> Model { get; } = Flags.Text("--model", "PATH", "the saved model file (torch.save or safetensors), required", "");
    public Flag<string> Onnx { get; } = Flags.Text("--onnx", "PATH", "where the ONNX file is written (opset 13), required", "");

    public IReadOnlyList<IFlag> All => [Model, Onnx];

    public ExportRequest Read(ParseResult parse) =>
        new(Optional(Model.ValueIn(parse)).Filter(path => path.Length > 0), Optional(Onnx.ValueIn(parse)).Filter(path => path.Length > 0));
}
