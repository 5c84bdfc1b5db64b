using System;
using System.Linq;
using StaticNet.Serialization;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>The conversions between file bytes and floats, exhaustively where the domain is small.</summary>
public class FloatBitsTests
{
    [Fact]
    public void EveryHalfConvertsAsSystemHalfDoes()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            float actual = FloatBits.HalfToSingle((ushort)bits);
            if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual), $"0x{bits:X4}");
            else Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"0x{bits:X4}: {expected:R} expected, {actual:R} found");
        }
    }

    [Fact]
    public void EveryBFloat16IsTheTopHalfOfAFloat()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            Assert.Equal(bits << 16, BitConverter.SingleToInt32Bits(FloatBits.BFloat16ToSingle((ushort)bits)));
        }
        Assert.Equal(1f, FloatBits.BFloat16ToSingle(0x3F80));
        Assert.Equal(-2f, FloatBits.BFloat16ToSingle(0xC000));
    }

    [Fact]
    public void SinglesAreLittleEndian()
    {
        float[] values = { 1f, -0f, float.Epsilon, float.NaN, 3.5e-20f };
        var bytes = new byte[4 * values.Length];
        FloatBits.WriteSingles(values, bytes);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, bytes.Take(4));   // 1.0 = 0x3F800000
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x80 }, bytes.Skip(4).Take(4));
        var back = new float[values.Length];
        FloatBits.ReadSingles(bytes, back);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), back.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void F64IsRoundedToNearest()
    {
        double between = 1.0 + Math.Pow(2, -24) + Math.Pow(2, -40);   // just above halfway between 1 and the next float
        var destination = new float[1];
        TensorDTypes.Decode(TensorDType.F64, BitConverter.GetBytes(between), destination);
        Assert.Equal(1f + MathF.Pow(2, -23), destination[0]);
    }
}
