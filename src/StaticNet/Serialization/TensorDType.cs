using System;
using System.Buffers.Binary;

namespace StaticNet.Serialization
{
    /// <summary>The safetensors element types StaticNet reads: float32 as is, the others converted to float32.</summary>
    internal enum TensorDType
    {
        F32,
        F16,
        BF16,
        F64,
    }

    /// <summary>Names, sizes and decoding of <see cref="TensorDType"/> values.</summary>
    internal static class TensorDTypes
    {
        /// <summary>The dtypes read, as a message lists them.</summary>
        public const string Supported = "F32, F16, BF16 and F64";

        /// <summary>The dtype named <paramref name="name"/> in a header (case as safetensors writes it).</summary>
        public static bool TryParse(string name, out TensorDType dtype)
        {
            switch (name)
            {
                case "F32": dtype = TensorDType.F32; return true;
                case "F16": dtype = TensorDType.F16; return true;
                case "BF16": dtype = TensorDType.BF16; return true;
                case "F64": dtype = TensorDType.F64; return true;
                default: dtype = default; return false;
            }
        }

        public static int Size(TensorDType dtype) => dtype switch
        {
            TensorDType.F16 or TensorDType.BF16 => 2,
            TensorDType.F64 => 8,
            _ => 4,
        };

        /// <summary>
        /// Decodes destination.Length little-endian elements from <paramref name="source"/> to float32: F16 and BF16
        /// exactly, F64 rounded to nearest (as PyTorch's .float() does; beyond float32's range it becomes ±∞).
        /// </summary>
        public static void Decode(TensorDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
        {
            switch (dtype)
            {
                case TensorDType.F32:
                    FloatBits.ReadSingles(source, destination);
                    break;
                case TensorDType.F16:
                    for (int i = 0; i < destination.Length; i++) destination[i] = FloatBits.HalfToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)));
                    break;
                case TensorDType.BF16:
                    for (int i = 0; i < destination.Length; i++) destination[i] = FloatBits.BFloat16ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)));
                    break;
                case TensorDType.F64:
                    for (int i = 0; i < destination.Length; i++) destination[i] = (float)BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(source.Slice(8 * i, 8)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a dtype.");
            }
        }
    }
}
