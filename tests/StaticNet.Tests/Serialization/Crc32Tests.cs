using System;
using System.Linq;
using System.Text;
using StaticNet.Serialization;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>CRC-32 against published check values (the zlib/PNG/Ethernet CRC).</summary>
public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]   // the catalogue's check value for CRC-32/ISO-HDLC
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void KnownVectors(string text, uint expected) => Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void ThirtyTwoZeroBytesAndThirtyTwoFFBytes()
    {
        // The iSCSI test patterns, with the IEEE polynomial's values.
        Assert.Equal(0x190A55ADu, Crc32.Compute(new byte[32]));
        Assert.Equal(0xFF6CAB0Bu, Crc32.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void AppendingInPiecesEqualsTheWhole()
    {
        byte[] bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        var crc = new Crc32();
        for (int at = 0, step = 1; at < bytes.Length; at += step, step = step % 13 + 1)
        {
            crc.Append(bytes.AsSpan(at, Math.Min(step, bytes.Length - at)));
        }
        Assert.Equal(Crc32.Compute(bytes), crc.Value);
    }
}
