using Google.Protobuf;
using LanguageExt;
using Onnx;

namespace Functional.Formats.Onnx;

/// <summary>
/// Serialises a graph through the classes protoc generates from the official onnx.proto. Field for field what
/// torch.onnx.export writes: initializers as float raw_data and not also graph inputs, no doc strings, the opset
/// imported under the default domain.
/// </summary>
internal static class OnnxProtoWriter
{
    public static byte[] Write(OnnxGraph graph, OnnxFileInfo info)
    {
        var proto = new GraphProto { Name = graph.Name };
        proto.Node.AddRange(graph.Nodes.Select(Node));
        proto.Initializer.AddRange(graph.Initializers.Select(initializer => Tensor(initializer.Name, initializer.Shape, initializer.Data)));
        proto.Input.Add(Value(TorchStyleLowering.InputName, graph.InputShape));
        proto.Output.Add(Value(TorchStyleLowering.OutputName, graph.OutputShape));
        var model = new ModelProto
        {
            IrVersion = info.IrVersion,
            ProducerName = info.ProducerName,
            ProducerVersion = info.ProducerVersion,
            Graph = proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = info.Opset });
        return model.ToByteArray();
    }

    static NodeProto Node(OnnxNode node)
    {
        var proto = new NodeProto { Name = node.Name, OpType = node.OpType };
        proto.Input.AddRange(node.Inputs);
        proto.Output.Add(node.Output);
        proto.Attribute.AddRange(node.Attributes.Select(Attribute));
        return proto;
    }

    static AttributeProto Attribute(OnnxAttribute attribute) => attribute switch
    {
        OnnxAttribute.Float f => new AttributeProto { Name = f.Name, F = f.Value, Type = AttributeProto.Types.AttributeType.Float },
        OnnxAttribute.Int i => new AttributeProto { Name = i.Name, I = i.Value, Type = AttributeProto.Types.AttributeType.Int },
        OnnxAttribute.ScalarTensor t => new AttributeProto { Name = t.Name, T = Tensor(null, [], Prelude.Seq1(t.Value)), Type = AttributeProto.Types.AttributeType.Tensor },
        _ => throw new ArgumentOutOfRangeException(nameof(attribute)),
    };

    static TensorProto Tensor(string? name, IReadOnlyList<long> shape, Seq<float> data)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        if (name is not null) tensor.Name = name;
        tensor.Dims.AddRange(shape);
        // raw_data is little-endian IEEE 754 by the ONNX spec; LittleEndianFloats does the same for torch.save.
        tensor.RawData = ByteString.CopyFrom(LittleEndianFloats.ToBytes(data));
        return tensor;
    }

    static ValueInfoProto Value(string name, IReadOnlyList<OnnxDim> dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(dim => dim.IsBatch
            ? new TensorShapeProto.Types.Dimension { DimParam = "batch" }
            : new TensorShapeProto.Types.Dimension { DimValue = dim.Size }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
