namespace StaticNet.Serialization.OnnxModel
{
    /// <summary>
    /// Field numbers and enum values of the onnx.proto messages the export writes (onnx/onnx.proto, IR version 7 and
    /// later; the numbers never change once published). Only these messages and fields are written.
    /// </summary>
    internal static class OnnxFields
    {
        public static class Model
        {
            public const int IrVersion = 1, ProducerName = 2, ProducerVersion = 3, DocString = 6, Graph = 7, OpsetImport = 8;
        }

        public static class OperatorSetId
        {
            public const int Domain = 1, Version = 2;
        }

        public static class Graph
        {
            public const int Node = 1, Name = 2, Initializer = 5, DocString = 10, Input = 11, Output = 12;
        }

        public static class Node
        {
            public const int Input = 1, Output = 2, Name = 3, OpType = 4, Attribute = 5;
        }

        public static class Attribute
        {
            public const int Name = 1, F = 2, I = 3, Type = 20;

            /// <summary>AttributeProto.AttributeType values.</summary>
            public const int FloatType = 1, IntType = 2;
        }

        public static class Tensor
        {
            public const int Dims = 1, DataType = 2, Name = 8, RawData = 9;

            /// <summary>TensorProto.DataType.FLOAT.</summary>
            public const int Float = 1;
        }

        public static class ValueInfo
        {
            public const int Name = 1, Type = 2;
        }

        public static class Type
        {
            /// <summary>TypeProto.tensor_type, and in TypeProto.Tensor its elem_type and shape.</summary>
            public const int TensorType = 1, ElemType = 1, Shape = 2;
        }

        public static class Shape
        {
            /// <summary>TensorShapeProto.dim, and in TensorShapeProto.Dimension its dim_value and dim_param.</summary>
            public const int Dim = 1, DimValue = 1, DimParam = 2;
        }
    }
}
