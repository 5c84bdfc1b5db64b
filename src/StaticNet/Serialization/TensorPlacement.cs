namespace StaticNet.Serialization
{
    /// <summary>Where one tensor of a safetensors file lies in its data and in the network's parameter vector.</summary>
    internal sealed class TensorPlacement
    {
        public TensorPlacement(string name, TensorDType dtype, int[] shape, int parameterOffset, long begin, long end)
        {
            Name = name;
            DType = dtype;
            Shape = shape;
            ParameterOffset = parameterOffset;
            Begin = begin;
            End = end;
        }

        /// <summary>The name in the file: "model.0.weight".</summary>
        public string Name { get; }

        public TensorDType DType { get; }

        /// <summary>[out, in] for a weight, [out] for a bias.</summary>
        public int[] Shape { get; }

        /// <summary>Where its first element goes in <see cref="INetwork.Parameters"/>.</summary>
        public int ParameterOffset { get; }

        /// <summary>Its bytes, [Begin, End), counted from the start of the data (just after the header).</summary>
        public long Begin { get; }

        public long End { get; }

        public int ElementCount => Shape.Length == 1 ? Shape[0] : Shape[0] * Shape[1];

        /// <summary>An element's index as a message shows it: "[2, 1]" in a weight, "[3]" in a bias.</summary>
        public string Element(int flatIndex)
            => Shape.Length == 1 ? "[" + flatIndex + "]" : "[" + flatIndex / Shape[1] + ", " + flatIndex % Shape[1] + "]";
    }
}
