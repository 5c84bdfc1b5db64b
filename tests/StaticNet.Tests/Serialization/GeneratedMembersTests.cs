using System;
using System.IO;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.Serialization.SerializationData;

namespace StaticNet.Tests.Serialization;

/// <summary>The persistence members generated on every network (DESIGN §1b) are the library's calls, Stream and path alike.</summary>
public sealed class GeneratedMembersTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Bytes(Action<Stream> write)
    {
        var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void StreamMembersWriteWhatTheLibraryWrites()
    {
        var net = new DeepSoftmax(1);
        Assert.Equal(Bytes(s => ModelFile.Save(net, s)), Bytes(net.Save));
        Assert.Equal(Bytes(s => Safetensors.Save(net, s)), Bytes(net.SaveSafetensors));
        Assert.Equal(Bytes(s => Onnx.Export(net, s)), Bytes(net.ExportOnnx));
    }

    [Fact]
    public void PathMembersRoundTrip()
    {
        var saved = new DropoutNet(2);
        string snet = Path.Combine(_directory, "m.snet"), safetensors = Path.Combine(_directory, "m.safetensors"), onnx = Path.Combine(_directory, "m.onnx");
        saved.Save(snet);
        saved.SaveSafetensors(safetensors);
        saved.ExportOnnx(onnx);

        var fromSnet = new DropoutNet(3);
        fromSnet.Load(snet);
        SameBits(Snapshot(saved), fromSnet.Parameters);
        var fromSafetensors = new DropoutNet(4);
        fromSafetensors.LoadSafetensors(safetensors);
        SameBits(Snapshot(saved), fromSafetensors.Parameters);
        Assert.Equal(Bytes(s => Onnx.Export(saved, s)), File.ReadAllBytes(onnx));
    }

    [Fact]
    public void StreamMembersRoundTrip()
    {
        var saved = new WideNet(5);
        var stream = new MemoryStream();
        saved.Save(stream);
        saved.SaveSafetensors(stream);   // two files one after the other: each reader stops at the end of its own
        stream.Position = 0;
        var loaded = new WideNet(6);
        loaded.Load(stream);
        SameBits(Snapshot(saved), loaded.Parameters);
        var again = new WideNet(7);
        again.LoadSafetensors(stream);
        SameBits(Snapshot(saved), again.Parameters);
        Assert.Equal(stream.Length, stream.Position);
    }
}
