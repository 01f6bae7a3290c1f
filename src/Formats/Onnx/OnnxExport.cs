using Functional.Domain.Models;
using Functional.Domain.Tensors;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Formats.Onnx;

/// <summary>What the file says about itself: ONNX IR and operator-set versions, and who wrote it.</summary>
public sealed record OnnxFileInfo(long IrVersion, long Opset, string ProducerName, string ProducerVersion);

/// <summary>
/// A declared model and its values as an ONNX file, from the forward graph the source generator compiled: one float
/// input <c>x</c> of shape [batch, features] (batch dynamic), one output <c>y</c>, the parameters as initializers under
/// their state_dict keys. The graph is the one torch.onnx.export (PyTorch 1.13) writes for the same PyTorch module;
/// only the producer fields and the graph's name differ, since they say who made the file and of what.
/// </summary>
public static class OnnxExport
{
    /// <summary>ONNX IR version 7 with opset 13: what PyTorch 1.13 exports by default, loaded by ONNX Runtime 1.8 and later.</summary>
    public const long IrVersion = 7;

    public const long Opset = 13;

    public const string ProducerName = "functional";

    public static OnnxFileInfo Info(string producerVersion) => new(IrVersion, Opset, ProducerName, producerVersion);

    public static Fin<byte[]> Write(ModelSpec model, StateDict state, string producerVersion) =>
        model.Forward
            .Match(Left: untranslated => FinFail<ForwardGraph>(Error.New(untranslated.Describe())), Right: FinSucc)
            .Bind(graph => Graph(model, graph, state))
            .Map(graph => OnnxProtoWriter.Write(graph, Info(producerVersion)))
            .Match(Succ: FinSucc, Fail: error => FinFail<byte[]>(Error.New($"model '{model.Key}' ({model.ClassName}) cannot be exported to ONNX: {error.Message}")));

    static Fin<OnnxGraph> Graph(ModelSpec model, ForwardGraph graph, StateDict state) =>
        from shapes in GraphShapes.Of(graph, model.StateDict)
        let lowered = TorchStyleLowering.Lower(graph, model.StateDict)
        from names in FreeOfReservedNames(lowered.InitializerKeys)
        from initializers in toSeq(lowered.InitializerKeys).Fold(FinSucc(Seq<OnnxInitializer>()),
            (done, key) => done.Bind(list => Initializer(model.StateDict, state, key).Map(list.Add)))
        select new OnnxGraph(model.ClassName, lowered.Nodes, initializers.ToList(), shapes.Input, shapes.Output);

    static Fin<Unit> FreeOfReservedNames(IReadOnlyList<string> keys) =>
        keys.FirstOrDefault(key => key is TorchStyleLowering.InputName or TorchStyleLowering.OutputName) is { } clash
            ? FinFail<Unit>(Error.New($"its parameter '{clash}' has the name of the file's input or output; give it another Name"))
            : FinSucc(unit);

    static Fin<OnnxInitializer> Initializer(StateDictSpec spec, StateDict state, string key) =>
        from shape in spec.Parameters.Find(p => p.Key == key).ToFin(Error.New($"the model declares no parameter '{key}'"))
        from values in state.Find(key).ToFin(Error.New($"the state_dict has no '{key}'"))
        select new OnnxInitializer(key, shape.Shape.ToList(), values.Data);
}
