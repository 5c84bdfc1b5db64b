using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.Serialization.SerializationData;

namespace StaticNet.Tests.Serialization;

/// <summary>safetensors written and read by StaticNet: names, layout, conversions, and every kind of bad header.</summary>
public class SafetensorsTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    private static byte[] Save(INetwork network)
    {
        var stream = new MemoryStream();
        Safetensors.Save(network, stream);
        return stream.ToArray();
    }

    private static void Load(INetwork network, byte[] file) => Safetensors.Load(network, new MemoryStream(file));

    /// <summary>One tensor as a test writes it: name, dtype, shape and the raw little-endian bytes.</summary>
    internal sealed record Tensor(string Name, string DType, long[] Shape, byte[] Data);

    /// <summary>A safetensors file with the header as written (no checks), the tensors' data in the given order.</summary>
    internal static byte[] File(string header, params byte[][] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Sum(d => d.Length)];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        int at = 8 + json.Length;
        foreach (byte[] d in data)
        {
            d.CopyTo(file, at);
            at += d.Length;
        }
        return file;
    }

    /// <summary>A well-formed file of <paramref name="tensors"/>, header in their order, data in <paramref name="dataOrder"/> (indices into tensors).</summary>
    internal static byte[] File(IReadOnlyList<Tensor> tensors, int[]? dataOrder = null)
    {
        dataOrder ??= Enumerable.Range(0, tensors.Count).ToArray();
        var begin = new long[tensors.Count];
        long at = 0;
        foreach (int i in dataOrder)
        {
            begin[i] = at;
            at += tensors[i].Data.Length;
        }
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        for (int i = 0; i < tensors.Count; i++)
        {
            header.Append($",\"{tensors[i].Name}\":{{\"dtype\":\"{tensors[i].DType}\",\"shape\":[{string.Join(",", tensors[i].Shape)}],\"data_offsets\":[{begin[i]},{begin[i] + tensors[i].Data.Length}]}}");
        }
        return File(header.Append('}').ToString(), dataOrder.Select(i => tensors[i].Data).ToArray());
    }

    /// <summary>The network's tensors as PyTorch would name them under <paramref name="prefix"/> with these module indices, encoded by <paramref name="encode"/>.</summary>
    internal static List<Tensor> TensorsOf(INetwork network, string prefix, int[] indices, string dtype, Func<float, byte[]> encode)
    {
        NetworkArchitecture a = network.Architecture;
        var tensors = new List<Tensor>();
        for (int l = 0; l < a.Layers.Count; l++)
        {
            int size = a.Layers[l].Size, inputs = a.InputsOf(l);
            byte[] Encode(int offset, int count) => network.Parameters.Slice(offset, count).ToArray().SelectMany(encode).ToArray();
            tensors.Add(new Tensor($"{prefix}{indices[l]}.weight", dtype, new long[] { size, inputs }, Encode(a.WeightOffset(l), size * inputs)));
            tensors.Add(new Tensor($"{prefix}{indices[l]}.bias", dtype, new long[] { size }, Encode(a.BiasOffset(l), size)));
        }
        return tensors;
    }

    internal static byte[] F32(float v) => BitConverter.GetBytes(v);

    private static List<Tensor> XorTensors(INetwork net) => TensorsOf(net, "", new[] { 0, 2 }, "F32", F32);

    [Theory]
    [MemberData(nameof(Networks))]
    public void RoundTripsBitForBit(string name)
    {
        INetwork saved = Create(name, 1);
        byte[] file = Save(saved);
        INetwork loaded = Create(name, 2);
        Load(loaded, file);
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void TheHeaderNamesTheTensorsAsNnSequentialDoes()
    {
        // Input(17) → ELU → Identity → Tanh → Softmax: Linear, ELU, Linear, Linear, Tanh, Linear, Softmax.
        var net = new DeepMseSoftmax(3);
        byte[] file = Save(net);
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(file);
        Assert.Equal(0, (8 + headerLength) % 8);   // the data starts 8-byte aligned, as safetensors pads it
        using JsonDocument header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "__metadata__", "0.weight", "0.bias", "2.weight", "2.bias", "3.weight", "3.bias", "5.weight", "5.bias" }, names);
        Assert.Equal("pt", header.RootElement.GetProperty("__metadata__").GetProperty("format").GetString());
        JsonElement w = header.RootElement.GetProperty("3.weight");
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal(new[] { 33, 8 }, w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        int begin = w.GetProperty("data_offsets")[0].GetInt32(), end = w.GetProperty("data_offsets")[1].GetInt32();
        Assert.Equal(4 * 33 * 8, end - begin);
        int dataStart = 8 + (int)headerLength;
        var a = DeepMseSoftmax.Architecture;
        for (int i = 0; i < 33 * 8; i++)
        {
            Assert.Equal(net.Parameters[a.WeightOffset(2) + i], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(dataStart + begin + 4 * i)));
        }
        Assert.Equal(dataStart + 4 * DeepMseSoftmax.ParameterCount, file.Length);
    }

    [Fact]
    public void AnyPrefixAnyHeaderOrderAnyDataOrderAndAnyIncreasingIndices()
    {
        var saved = new DeepBottleneck(4);
        List<Tensor> tensors = TensorsOf(saved, "encoder.body.", new[] { 1, 7, 8, 30 }, "F32", F32);
        int[] dataOrder = { 7, 2, 0, 5, 1, 6, 3, 4 };
        tensors.Reverse();
        var loaded = new DeepBottleneck(5);
        Load(loaded, File(tensors, dataOrder));
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void F16BF16AndF64AreConverted()
    {
        var source = new MultiLabelNet(6);
        // Values each dtype holds exactly (F64: also one it rounds), so the expected float32 is known.
        float[] values = Enumerable.Range(0, MultiLabelNet.ParameterCount).Select(i => (i - 11) * 0.125f).ToArray();
        values.CopyTo(source.Parameters);

        var net = new MultiLabelNet(7);
        Load(net, File(TensorsOf(source, "", new[] { 0, 2 }, "F16", v => BitConverter.GetBytes((Half)v))));
        SameBits(values, net.Parameters);

        net = new MultiLabelNet(7);
        Load(net, File(TensorsOf(source, "", new[] { 0, 2 }, "BF16", v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits(v) >> 16)))));
        SameBits(values, net.Parameters);

        net = new MultiLabelNet(7);
        Load(net, File(TensorsOf(source, "", new[] { 0, 2 }, "F64", v => BitConverter.GetBytes(v + 1e-12))));
        SameBits(values.Select(v => (float)(v + 1e-12)).ToArray(), net.Parameters);
    }

    [Fact]
    public void NonSeekableStreamsWithShortReadsLoadAndAreNotReadPastTheData()
    {
        var saved = new DigitsNet(8);
        byte[] file = Save(saved);
        var stream = new TrickleStream(file.Concat(new byte[50]).ToArray());
        var loaded = new DigitsNet(9);
        Safetensors.Load(loaded, stream);
        Assert.Equal(file.Length, stream.BytesRead);
        SameBits(Snapshot(saved), loaded.Parameters);
        var sink = new SinkStream();
        Safetensors.Save(saved, sink);
        Assert.Equal(file, sink.Written);
        Assert.False(sink.Disposed);
    }

    [Fact]
    public void AHeaderLongerThanTheReadersChunkArrivesInPieces()
    {
        // Through a stream that cannot tell its length, the header's buffer grows as the bytes arrive (4 KiB, 8, 16).
        var saved = new XorNet(12);
        List<Tensor> tensors = XorTensors(saved);
        byte[] file = File(tensors);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, headerLength).Replace("\"format\":\"pt\"", "\"format\":\"pt\",\"note\":\"" + new string('n', 10_000) + "\"");
        byte[] longer = File(header, file.Skip(8 + headerLength).ToArray());
        var loaded = new XorNet(13);
        var stream = new TrickleStream(longer);
        Safetensors.Load(loaded, stream);
        Assert.Equal(longer.Length, stream.BytesRead);
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void AWrongName()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        tensors[1] = tensors[1] with { Name = "0.beta" };
        Rejects(net, () => Load(net, File(tensors)), "Not a valid safetensors file", "tensor '0.beta' is not named as nn.Sequential names a Linear layer's parameters");
        tensors[1] = tensors[1] with { Name = "fc1.bias" };
        Rejects(net, () => Load(net, File(tensors)), "tensor 'fc1.bias'");
        tensors[1] = tensors[1] with { Name = "00.bias" };
        Rejects(net, () => Load(net, File(tensors)), "tensor '00.bias'");
    }

    [Fact]
    public void PrefixesThatDiffer()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        tensors[2] = tensors[2] with { Name = "model.2.weight" };
        Rejects(net, () => Load(net, File(tensors)), "tensors '0.weight' and 'model.2.weight' have different prefixes ('' and 'model.')");
    }

    [Fact]
    public void TooManyOrTooFewLayers()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        Rejects(net, () => Load(net, File(tensors.Take(2).ToArray())), "it holds 1 Linear layers (module indices 0); this network, Input(2) → Dense(4, Tanh) → Dense(1, Sigmoid), loss MeanSquaredError, has 2");
        tensors.Add(new Tensor("4.weight", "F32", new long[] { 1, 1 }, new byte[4]));
        tensors.Add(new Tensor("4.bias", "F32", new long[] { 1 }, new byte[4]));
        Rejects(net, () => Load(net, File(tensors)), "it holds more Linear layers than this network's 2 (module indices 0, 2 and 4)");
        Rejects(net, () => Load(net, File("{\"__metadata__\":{}}")), "it holds no Linear layers");
    }

    [Fact]
    public void AMissingWeightOrBias()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        Rejects(net, () => Load(net, File(new[] { tensors[0], tensors[2], tensors[3] })), "'0.weight' has no '0.bias' beside it", "a Linear layer without bias has no StaticNet counterpart");
        Rejects(net, () => Load(net, File(new[] { tensors[0], tensors[1], tensors[3] })), "'2.bias' has no '2.weight' beside it");
    }

    [Fact]
    public void AWrongShape()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        tensors[0] = tensors[0] with { Shape = new long[] { 2, 4 } };
        Rejects(net, () => Load(net, File(tensors)), "tensor '0.weight' has shape [2, 4]; layer 1 of this network (Dense(4, Tanh) on 2 inputs) needs [4, 2]");
        tensors[0] = tensors[0] with { Shape = new long[] { 8 } };
        Rejects(net, () => Load(net, File(tensors)), "has shape [8]");
    }

    [Fact]
    public void AnUnreadableDType()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        tensors[3] = tensors[3] with { DType = "I32" };
        Rejects(net, () => Load(net, File(tensors)), "tensor '2.bias' has dtype I32; StaticNet reads F32, F16, BF16 and F64");
    }

    [Fact]
    public void OffsetsThatDoNotTileTheData()
    {
        var net = new XorNet(1);
        Tensor[] t = XorTensors(net).ToArray();
        string Header(string offsets0, string offsets1 = "[32,48]", string offsets2 = "[48,64]", string offsets3 = "[64,68]")
            => "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":" + offsets0 + "},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":" + offsets1
               + "},\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,4],\"data_offsets\":" + offsets2 + "},\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets3 + "}}";
        byte[][] data = t.Select(x => x.Data).ToArray();
        Load(net, File(Header("[0,32]"), data));   // the well-formed one loads
        Rejects(net, () => Load(net, File(Header("[0,36]"), data)), "tensor '0.weight' has data offsets [0, 36]; [4, 2] of F32 takes 32 bytes");
        Rejects(net, () => Load(net, File(Header("[32,0]"), data)), "data offsets [32, 0]");
        Rejects(net, () => Load(net, File(Header("[4,36]", "[36,52]", "[52,68]", "[68,72]"), data)), "the first tensor's data, '0.weight', begins at byte 4 of the data, not 0");
        Rejects(net, () => Load(net, File(Header("[0,32]", "[28,44]", "[44,60]", "[60,64]"), data)), "tensor '0.bias' begins at byte 28 of the data, but the tensor before it ends at byte 32");
        Rejects(net, () => Load(net, File(Header("[0,32]", "[36,52]", "[52,68]", "[68,72]"), data)), "tensor '0.bias' begins at byte 36");
        Rejects(net, () => Load(net, File(Header("[0,32,64]"), data)), "tensor '0.weight' has 3 data offsets");
        Rejects(net, () => Load(net, File(Header("[0,99999999999999999999]"), data)), "the number 99999999999999999999 in its \"data_offsets\"");
        Rejects(net, () => Load(net, File(Header("[-32,0]"), data)), "the number -32");
        Rejects(net, () => Load(net, File(Header("[0,3.2e1]"), data)), "the number 3.2e1");
        Rejects(net, () => Load(net, File(Header("\"0-32\""), data)), "a \"data_offsets\" of a string, not an array");
    }

    [Fact]
    public void TensorDescriptionsThatAreNotTheFormats()
    {
        var net = new XorNet(1);
        byte[][] data = XorTensors(net).Select(x => x.Data).ToArray();
        string Rest = ",\"0.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[32,48]},\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,4],\"data_offsets\":[48,64]},\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[64,68]}}";
        Rejects(net, () => Load(net, File("{\"0.weight\":{\"shape\":[4,2],\"data_offsets\":[0,32]}" + Rest, data)), "tensor '0.weight' has no \"dtype\"");
        Rejects(net, () => Load(net, File("{\"0.weight\":{\"dtype\":\"F32\",\"data_offsets\":[0,32]}" + Rest, data)), "has no \"shape\"");
        Rejects(net, () => Load(net, File("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2]}" + Rest, data)), "has no \"data_offsets\"");
        Rejects(net, () => Load(net, File("{\"0.weight\":{\"dtype\":32,\"shape\":[4,2],\"data_offsets\":[0,32]}" + Rest, data)), "has a dtype of the number 32, not a string");
        Rejects(net, () => Load(net, File("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32],\"scale\":2}" + Rest, data)), "tensor '0.weight' has the key \"scale\"");
        Rejects(net, () => Load(net, File("{\"0.weight\":[1]" + Rest, data)), "tensor '0.weight' is described by an array, not an object");
        Rejects(net, () => Load(net, File("{\"__metadata__\":[]" + Rest.Replace(",\"0.bias\"", ",\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32]},\"0.bias\""), data)), "\"__metadata__\" is an array, not an object of strings");
        Rejects(net, () => Load(net, File("{\"__metadata__\":{\"epochs\":3}" + Rest.Replace(",\"0.bias\"", ",\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32]},\"0.bias\""), data)), "\"__metadata__\" maps a key to the number 3, not a string");
        Rejects(net, () => Load(net, File("[]")), "the header starts with byte 0x5B, not '{'");
    }

    [Fact]
    public void HeaderLengthsOutOfBounds()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        foreach (ulong length in new[] { 0ul, 1ul, (ulong)Safetensors.MaxHeaderLength + 1, ulong.MaxValue, 1ul << 63 })
        {
            byte[] bad = (byte[])file.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(bad, length);
            Rejects(net, () => Load(net, bad), $"the header length is {length}", $"StaticNet reads headers of 2 to {Safetensors.MaxHeaderLength} bytes");
        }
        byte[] negative = (byte[])file.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(negative, -8);
        Rejects(net, () => Load(net, negative), "(-8 as a signed number)");
        byte[] longer = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(longer, (ulong)Safetensors.MaxHeaderLength);
        Rejects(net, () => Load(net, longer), $"the header length is {Safetensors.MaxHeaderLength} but only {file.Length - 8} bytes follow it");
        Rejects(net, () => Safetensors.Load(net, new TrickleStream(longer)), $"the file ends after {file.Length} bytes, inside the header");   // a stream that cannot tell
    }

    [Fact]
    public void AHeaderThatIsNotUtf8OrNotJson()
    {
        var net = new XorNet(1);
        byte[] notUtf8 = File("{\"ax\":1}");
        notUtf8[8 + 3] = 0xFF;   // the x: a byte no UTF-8 text holds
        Rejects(net, () => Load(net, notUtf8), "a string is not valid UTF-8");
        Rejects(net, () => Load(net, File("{\"__metadata__\":{},}")), "a string expected, '}' found, at byte 19 of the JSON header");
        Rejects(net, () => Load(net, File("{\"__metadata__\":{}} {}")), "text follows the JSON value");
    }

    [Fact]
    public void NonFiniteValues()
    {
        var net = new XorNet(1);
        List<Tensor> tensors = XorTensors(net);
        byte[] data = (byte[])tensors[0].Data.Clone();
        BitConverter.GetBytes(float.NaN).CopyTo(data, 4 * 5);
        tensors[0] = tensors[0] with { Data = data };
        Rejects(net, () => Load(net, File(tensors)), "tensor '0.weight' holds NaN at [2, 1]");
        tensors = XorTensors(net);
        tensors[1] = tensors[1] with { DType = "F64", Data = Enumerable.Range(0, 4).SelectMany(i => BitConverter.GetBytes(i == 2 ? 1e300 : 0.5)).ToArray() };
        Rejects(net, () => Load(net, File(tensors)), "tensor '0.bias' holds Infinity at [2] (its F64 value is beyond float32's range)");
    }

    [Fact]
    public void ATruncatedFileAndBytesAfterTheData()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        Rejects(net, () => Load(net, file.Take(file.Length - 3).ToArray()), $"the file ends after {file.Length - 3} bytes, inside tensor '2.bias' (3 more bytes expected)");
        Rejects(net, () => Load(net, file.Take(5).ToArray()), "inside the header length");
        string directory = TemporaryDirectory();
        string path = Path.Combine(directory, "xor.safetensors");
        System.IO.File.WriteAllBytes(path, file.Concat(new byte[3]).ToArray());
        Rejects(net, () => Safetensors.Load(net, path), path + ": Not a valid safetensors file: 3 bytes follow the end of the data");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void SavingRefusesNonFiniteParameters()
    {
        var net = new XorNet(1);
        net.Parameters[9] = float.PositiveInfinity;
        var sink = new SinkStream();
        var e = Assert.Throws<InvalidOperationException>(() => Safetensors.Save(net, sink));
        Assert.Contains("Parameter 9 (layer 1's bias [1]) is Infinity", e.Message);
        Assert.Empty(sink.Written);
    }
}
