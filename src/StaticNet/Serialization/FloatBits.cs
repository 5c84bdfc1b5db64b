using System;
using System.Buffers.Binary;

namespace StaticNet.Serialization
{
    /// <summary>
    /// Floats to and from little-endian bytes, on any host byte order: every file format here stores IEEE 754
    /// values little-endian. netstandard2.0 has neither BitConverter.Int32BitsToSingle nor the float overloads of
    /// BinaryPrimitives, hence the reinterpretation through a pointer there.
    /// </summary>
    internal static class FloatBits
    {
        public static unsafe float Int32BitsToSingle(int bits) => *(float*)&bits;

        public static unsafe int SingleToInt32Bits(float value) => *(int*)&value;

        /// <summary>Decodes <paramref name="destination"/>.Length little-endian float32 values from <paramref name="source"/>.</summary>
        public static void ReadSingles(ReadOnlySpan<byte> source, Span<float> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(4 * i, 4)));
            }
        }

        /// <summary>Encodes <paramref name="source"/> as little-endian float32 values into <paramref name="destination"/>.</summary>
        public static void WriteSingles(ReadOnlySpan<float> source, Span<byte> destination)
        {
            for (int i = 0; i < source.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(4 * i, 4), SingleToInt32Bits(source[i]));
            }
        }

        /// <summary>
        /// An IEEE 754 binary16 value as float32, exactly (every half is a float): subnormal halves become normal
        /// floats, infinities and NaNs keep their sign (and the NaN its payload, shifted).
        /// </summary>
        public static float HalfToSingle(ushort half)
        {
            int sign = (half & 0x8000) << 16;
            int exponent = (half >> 10) & 0x1F;
            int mantissa = half & 0x3FF;
            if (exponent == 0x1F) return Int32BitsToSingle(sign | 0x7F800000 | (mantissa << 13));
            if (exponent == 0)
            {
                if (mantissa == 0) return Int32BitsToSingle(sign);
                // Subnormal: mantissa · 2^−24. Shift the leading 1 up to the implicit bit, lowering the exponent.
                int e = -14;
                while ((mantissa & 0x400) == 0)
                {
                    mantissa <<= 1;
                    e--;
                }
                return Int32BitsToSingle(sign | ((e + 127) << 23) | ((mantissa & 0x3FF) << 13));
            }
            return Int32BitsToSingle(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
        }

        /// <summary>A bfloat16 value as float32, exactly: bfloat16 is the top half of a float32.</summary>
        public static float BFloat16ToSingle(ushort bfloat16) => Int32BitsToSingle(bfloat16 << 16);
    }
}
