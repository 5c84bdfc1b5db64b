using System;
using StaticNet.Serialization.OnnxModel;
using Xunit;

namespace StaticNet.Tests.Serialization;

/// <summary>The protobuf encoder against the encoding guide's own examples (protobuf.dev/programming-guides/encoding).</summary>
public class ProtoWriterTests
{
    private static string Hex(ProtoWriter writer) => Convert.ToHexString(writer.Written);

    [Fact]
    public void VarintFields()
    {
        Assert.Equal("089601", Hex(new ProtoWriter().Int64(1, 150)));   // the guide's "Test1 { a = 150 }"
        Assert.Equal("0800", Hex(new ProtoWriter().Int64(1, 0)));
        Assert.Equal("087F", Hex(new ProtoWriter().Int64(1, 127)));
        Assert.Equal("088001", Hex(new ProtoWriter().Int64(1, 128)));
        Assert.Equal("08FFFFFFFFFFFFFFFF7F", Hex(new ProtoWriter().Int64(1, long.MaxValue)));
        Assert.Equal("08FFFFFFFFFFFFFFFFFF01", Hex(new ProtoWriter().Int64(1, -1)));   // int64 −1: ten bytes
        Assert.Equal("A00102", Hex(new ProtoWriter().Int64(20, 2)));                  // field 20 needs a two-byte tag
    }

    [Fact]
    public void LengthDelimitedFields()
    {
        Assert.Equal("120774657374696E67", Hex(new ProtoWriter().String(2, "testing")));   // the guide's "Test2 { b = "testing" }"
        Assert.Equal("1A03089601", Hex(new ProtoWriter().Message(3, new ProtoWriter().Int64(1, 150))));   // "Test3 { c { a = 150 } }"
        Assert.Equal("0A00", Hex(new ProtoWriter().String(1, "")));
        Assert.Equal("0A02C3A9", Hex(new ProtoWriter().String(1, "é")));   // UTF-8
        string long300 = new string('x', 300);
        Assert.StartsWith("0AAC02", Hex(new ProtoWriter().String(1, long300)));   // a length of 300 is a two-byte varint
    }

    [Fact]
    public void FloatAndRawFloatFields()
    {
        Assert.Equal("150000803F", Hex(new ProtoWriter().Float(2, 1f)));   // wire type 5, little-endian
        Assert.Equal("4A080000803F000000C0", Hex(new ProtoWriter().Singles(9, new[] { 1f, -2f })));
    }

    [Fact]
    public void FieldsFollowEachOtherAndTheBufferGrows()
    {
        var writer = new ProtoWriter();
        for (int i = 0; i < 1000; i++) writer.Int64(1, 150);
        Assert.Equal(3000, writer.Written.Length);
        Assert.Equal("089601089601", Convert.ToHexString(writer.Written.Slice(0, 6)));
    }
}
