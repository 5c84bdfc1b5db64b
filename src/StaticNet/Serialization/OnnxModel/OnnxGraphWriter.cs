using System;
using System.Globalization;

namespace StaticNet.Serialization.OnnxModel
{
    /// <summary>
    /// Encodes a network as an ONNX ModelProto: one float input "input" [N, InputSize], per layer a Gemm
    /// (z = input · Wᵀ + b, transB = 1) and the activation's operator (none for Identity), one output "output"
    /// [N, OutputSize]; the weights and biases are initializers named as in safetensors ("0.weight", "0.bias", …).
    /// </summary>
    internal static class OnnxGraphWriter
    {
        /// <summary>ONNX IR version 7 (May 2020): the first that opset 13 may be used with, so the oldest runtimes that can run the graph read it.</summary>
        public const long IrVersion = 7;

        /// <summary>Softmax-13 normalises along one axis (−1 here), where older Softmax flattened the trailing dimensions.</summary>
        public const long OpsetVersion = 13;

        public const string InputName = "input", OutputName = "output", BatchDimension = "N";

        public static ProtoWriter Model(NetworkArchitecture architecture, ReadOnlySpan<float> parameters, string graphName, string producerVersion)
        {
            return new ProtoWriter()
                .Int64(OnnxFields.Model.IrVersion, IrVersion)
                .String(OnnxFields.Model.ProducerName, "StaticNet")
                .String(OnnxFields.Model.ProducerVersion, producerVersion)
                .String(OnnxFields.Model.DocString, architecture.ToString())
                .Message(OnnxFields.Model.Graph, Graph(architecture, parameters, graphName))
                .Message(OnnxFields.Model.OpsetImport, new ProtoWriter()
                    .String(OnnxFields.OperatorSetId.Domain, "")   // the default domain, ai.onnx
                    .Int64(OnnxFields.OperatorSetId.Version, OpsetVersion));
        }

        private static ProtoWriter Graph(NetworkArchitecture architecture, ReadOnlySpan<float> parameters, string name)
        {
            var graph = new ProtoWriter();
            int[] indices = TensorNames.LinearIndices(architecture);
            string previous = InputName;
            int last = architecture.Layers.Count - 1;
            for (int l = 0; l <= last; l++)
            {
                LayerInfo layer = architecture.Layers[l];
                string n = (l + 1).ToString(CultureInfo.InvariantCulture);
                string activated = l == last ? OutputName : "a" + n;
                string z = layer.Activation == Activation.Identity ? activated : "z" + n;
                graph.Message(OnnxFields.Graph.Node, Node("Gemm", "layer" + n + ".linear", z,
                        previous, TensorNames.Weight(indices[l]), TensorNames.Bias(indices[l]))
                    .Message(OnnxFields.Node.Attribute, IntAttribute("transB", 1)));
                if (layer.Activation != Activation.Identity)
                {
                    graph.Message(OnnxFields.Graph.Node, Activate(layer, "layer" + n + "." + layer.Activation.ToString().ToLowerInvariant(), z, activated));
                }
                previous = activated;
            }
            graph.String(OnnxFields.Graph.Name, name);
            for (int l = 0; l <= last; l++)
            {
                int size = architecture.Layers[l].Size, inputs = architecture.InputsOf(l);
                graph.Message(OnnxFields.Graph.Initializer, Tensor(TensorNames.Weight(indices[l]), parameters.Slice(architecture.WeightOffset(l), size * inputs), size, inputs));
                graph.Message(OnnxFields.Graph.Initializer, Tensor(TensorNames.Bias(indices[l]), parameters.Slice(architecture.BiasOffset(l), size), size));
            }
            graph.String(OnnxFields.Graph.DocString, architecture.ToString());
            graph.Message(OnnxFields.Graph.Input, BatchOfRows(InputName, architecture.InputSize));
            graph.Message(OnnxFields.Graph.Output, BatchOfRows(OutputName, architecture.OutputSize));
            return graph;
        }

        /// <summary>The activation's operator, computing what Predict computes (ELU and LeakyReLU with the layer's α).</summary>
        private static ProtoWriter Activate(LayerInfo layer, string name, string input, string output)
        {
            switch (layer.Activation)
            {
                case Activation.Sigmoid: return Node("Sigmoid", name, output, input);
                case Activation.Tanh: return Node("Tanh", name, output, input);
                case Activation.ReLU: return Node("Relu", name, output, input);
                case Activation.LeakyReLU: return Node("LeakyRelu", name, output, input).Message(OnnxFields.Node.Attribute, FloatAttribute("alpha", layer.Alpha));
                case Activation.ELU: return Node("Elu", name, output, input).Message(OnnxFields.Node.Attribute, FloatAttribute("alpha", layer.Alpha));
                case Activation.Softmax: return Node("Softmax", name, output, input).Message(OnnxFields.Node.Attribute, IntAttribute("axis", -1));
                default: throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "No ONNX operator for this activation.");
            }
        }

        private static ProtoWriter Node(string opType, string name, string output, params string[] inputs)
        {
            var node = new ProtoWriter();
            foreach (string input in inputs) node.String(OnnxFields.Node.Input, input);
            return node.String(OnnxFields.Node.Output, output)
                .String(OnnxFields.Node.Name, name)
                .String(OnnxFields.Node.OpType, opType);
        }

        private static ProtoWriter IntAttribute(string name, long value)
            => new ProtoWriter().String(OnnxFields.Attribute.Name, name).Int64(OnnxFields.Attribute.I, value).Int64(OnnxFields.Attribute.Type, OnnxFields.Attribute.IntType);

        private static ProtoWriter FloatAttribute(string name, float value)
            => new ProtoWriter().String(OnnxFields.Attribute.Name, name).Float(OnnxFields.Attribute.F, value).Int64(OnnxFields.Attribute.Type, OnnxFields.Attribute.FloatType);

        private static ProtoWriter Tensor(string name, ReadOnlySpan<float> values, params long[] dims)
        {
            var tensor = new ProtoWriter();
            foreach (long dim in dims) tensor.Int64(OnnxFields.Tensor.Dims, dim);   // repeated int64, unpacked as proto2 writes it
            return tensor.Int64(OnnxFields.Tensor.DataType, OnnxFields.Tensor.Float)
                .String(OnnxFields.Tensor.Name, name)
                .Singles(OnnxFields.Tensor.RawData, values);
        }

        /// <summary>A float tensor [N, width] with N a named, free dimension: any batch size.</summary>
        private static ProtoWriter BatchOfRows(string name, int width)
        {
            var shape = new ProtoWriter()
                .Message(OnnxFields.Shape.Dim, new ProtoWriter().String(OnnxFields.Shape.DimParam, BatchDimension))
                .Message(OnnxFields.Shape.Dim, new ProtoWriter().Int64(OnnxFields.Shape.DimValue, width));
            var tensorType = new ProtoWriter()
                .Int64(OnnxFields.Type.ElemType, OnnxFields.Tensor.Float)
                .Message(OnnxFields.Type.Shape, shape);
            return new ProtoWriter()
                .String(OnnxFields.ValueInfo.Name, name)
                .Message(OnnxFields.ValueInfo.Type, new ProtoWriter().Message(OnnxFields.Type.TensorType, tensorType));
        }
    }
}
