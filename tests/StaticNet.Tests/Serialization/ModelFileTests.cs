using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.Serialization.SerializationData;

namespace StaticNet.Tests.Serialization;

/// <summary>The .snet format: round trips, the documented layout, streams, and every kind of bad file.</summary>
public class ModelFileTests
{
    public static TheoryData<string> Networks => NetworkCatalog.Names();

    // XorNet's file, Input(2) → Dense(4, Tanh) → Dense(1, Sigmoid), MSE, 17 parameters (docs/formats.md draws it).
    private const int ArchTag = 12, ArchLength = 16, InputSize = 24, LossField = 28, LayerCount = 32, Layer1 = 36, Layer2 = 48;
    private const int ParmTag = 60, ParmLength = 64, ParmCount = 72, FirstParameter = 76, EndTag = 144, EndLength = 148, Checksum = 156, XorFileLength = 160;

    private static byte[] Save(INetwork network)
    {
        var stream = new MemoryStream();
        ModelFile.Save(network, stream);
        return stream.ToArray();
    }

    private static void Load(INetwork network, byte[] file) => ModelFile.Load(network, new MemoryStream(file));

    /// <summary>Rewrites the checksum so that a deliberate change reaches the check it is aimed at.</summary>
    private static byte[] WithChecksum(byte[] file)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.Compute(file.AsSpan(0, file.Length - 4)));
        return file;
    }

    private static byte[] Patched(byte[] file, int offset, int value)
    {
        file = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(offset), value);
        return WithChecksum(file);
    }

    private static byte[] Section(string tag, byte[] payload)
    {
        var section = new byte[12 + payload.Length];
        for (int i = 0; i < 4; i++) section[i] = (byte)tag[i];
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(4), (ulong)payload.Length);
        payload.CopyTo(section, 12);
        return section;
    }

    private static byte[] Insert(byte[] file, int offset, byte[] bytes) => WithChecksum(file.Take(offset).Concat(bytes).Concat(file.Skip(offset)).ToArray());

    [Theory]
    [MemberData(nameof(Networks))]
    public void RoundTripsBitForBit(string name)
    {
        INetwork saved = Create(name, 1);
        byte[] file = Save(saved);
        INetwork loaded = Create(name, 2);
        Load(loaded, file);
        SameBits(Snapshot(saved), loaded.Parameters);
        Assert.Equal(file, Save(loaded));
    }

    [Fact]
    public void LayoutIsTheDocumentedOne()
    {
        var net = new XorNet(3);
        byte[] file = Save(net);
        Assert.Equal(XorFileLength, file.Length);
        Assert.Equal(new byte[] { 0x89, (byte)'S', (byte)'N', (byte)'E', (byte)'T', 0x0D, 0x0A, 0x1A }, file.Take(8));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal("ARCH", System.Text.Encoding.ASCII.GetString(file, ArchTag, 4));
        Assert.Equal(12ul + 2 * 12, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(ArchLength)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(InputSize)));
        Assert.Equal((int)Loss.MeanSquaredError, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(LossField)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(LayerCount)));
        Assert.Equal(new[] { 4, (int)Activation.Tanh, 0 }, Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Layer1 + 4 * i))));
        Assert.Equal(new[] { 1, (int)Activation.Sigmoid, 0 }, Enumerable.Range(0, 3).Select(i => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Layer2 + 4 * i))));
        Assert.Equal("PARM", System.Text.Encoding.ASCII.GetString(file, ParmTag, 4));
        Assert.Equal(4ul + 4 * 17, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(ParmLength)));
        Assert.Equal(17, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(ParmCount)));
        for (int i = 0; i < 17; i++) Assert.Equal(net.Parameters[i], BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(FirstParameter + 4 * i)));
        Assert.Equal("END ", System.Text.Encoding.ASCII.GetString(file, EndTag, 4));
        Assert.Equal(4ul, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(EndLength)));
        Assert.Equal(Crc32.Compute(file.AsSpan(0, Checksum)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(Checksum)));
    }

    [Fact]
    public void AlphaIsStoredForLeakyReluAndElu()
    {
        byte[] file = Save(new DeepBottleneck(1));
        // Input(16) → Dense(33, LeakyReLU, α 0.2) → Dense(1, ELU, α 0.5) → …: α is the third field of each layer record.
        Assert.Equal(0.2f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(Layer1 + 8)));
        Assert.Equal(0.5f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(Layer2 + 8)));
    }

    [Fact]
    public void StreamsAreReadFromTheirPositionAndLeftJustAfterTheModel()
    {
        var saved = new DigitsNet(4);
        byte[] file = Save(saved);
        var stream = new MemoryStream();
        stream.Write(new byte[] { 1, 2, 3 });
        stream.Write(file);
        stream.Write(new byte[] { 9, 9 });
        stream.Position = 3;
        var loaded = new DigitsNet(5);
        ModelFile.Load(loaded, stream);
        Assert.Equal(3 + file.Length, stream.Position);
        Assert.True(stream.CanRead);   // left open
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void NonSeekableStreamsWithShortReadsLoadAndAreNotReadPastTheModel()
    {
        var saved = new DeepSoftmax(6);
        byte[] file = Save(saved);
        var stream = new TrickleStream(file.Concat(new byte[100]).ToArray());
        var loaded = new DeepSoftmax(7);
        ModelFile.Load(loaded, stream);
        Assert.Equal(file.Length, stream.BytesRead);
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void SavesToNonSeekableStreamsAndLeavesThemOpen()
    {
        var net = new DigitsNet(8);
        var sink = new SinkStream();
        ModelFile.Save(net, sink);
        Assert.False(sink.Disposed);
        Assert.Equal(Save(net), sink.Written);
    }

    [Fact]
    public void AnUnknownSectionAfterTheParametersIsSkipped()
    {
        // Where a checkpoint keeps its state: Load reads the parameters of such a file.
        var saved = new XorNet(9);
        byte[] file = Insert(Save(saved), EndTag, Section("OPTM", Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray()));
        var loaded = new XorNet(10);
        Load(loaded, file);
        SameBits(Snapshot(saved), loaded.Parameters);
    }

    [Fact]
    public void NotAModelFile() => Rejects(new XorNet(1), () => Load(new XorNet(1), System.Text.Encoding.ASCII.GetBytes("PK\u0003\u0004 a zip file, not a model")), "Not a valid .snet file", "50 4B 03 04", "magic bytes 89 53 4E 45 54 0D 0A 1A");

    [Fact]
    public void ANewerFormatVersion()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), 8, 2)), "format version is 2", "reads version 1");
    }

    [Fact]
    public void AnotherInputSize()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), InputSize, 3)), "Input(3) → Dense(4, Tanh) → Dense(1, Sigmoid), loss MeanSquaredError",
            "this network is Input(2) → Dense(4, Tanh) → Dense(1, Sigmoid), loss MeanSquaredError", "the input size is 3 in the file, 2 in this network");
    }

    [Fact]
    public void AnotherLayerSize()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), Layer1, 5)), "layer 1 is Dense(5, Tanh) in the file, Dense(4, Tanh) in this network");
    }

    [Fact]
    public void AnotherActivation()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), Layer2 + 4, (int)Activation.ReLU)), "layer 2 is Dense(1, ReLU) in the file, Dense(1, Sigmoid) in this network");
    }

    [Fact]
    public void AnotherAlpha()
    {
        var net = new MultiLabelNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), Layer1 + 8, BitConverter.SingleToInt32Bits(0.3f))), "layer 1 is Dense(3, LeakyReLU, α = 0.3) in the file, Dense(3, LeakyReLU, α = 0.1) in this network");
    }

    [Fact]
    public void AnotherLoss()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), LossField, (int)Loss.BinaryCrossEntropy)), "the loss is BinaryCrossEntropy in the file, MeanSquaredError in this network");
    }

    [Fact]
    public void AnotherLayerCount()
    {
        var deeper = new ArchitectureOnlyNetwork(new NetworkArchitecture(2, Loss.MeanSquaredError,
            new LayerInfo(4, Activation.Tanh), new LayerInfo(1, Activation.Sigmoid), new LayerInfo(1, Activation.Identity)));
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Save(deeper)), "the file has 3 layers, this network 2");
    }

    [Fact]
    public void AnotherNetworkAltogether()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Save(new DigitsNet(1))), "Input(64) → Dense(32, ReLU) → Dense(10, Softmax), loss CrossEntropy", "the input size is 64 in the file, 2 in this network");
    }

    [Fact]
    public void ValuesThatDescribeNoLayer()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        Rejects(net, () => Load(net, Patched(file, Layer1, 0)), "layer 1 has 0 neurons");
        Rejects(net, () => Load(net, Patched(file, Layer1 + 4, 99)), "layer 1's activation is 99, which is no Activation");
        Rejects(net, () => Load(net, Patched(file, Layer1 + 8, BitConverter.SingleToInt32Bits(0.5f))), "layer 1 (Tanh) has α = 0.5");
        Rejects(net, () => Load(net, Patched(file, LossField, 7)), "the loss is 7, which is no Loss");
        Rejects(net, () => Load(net, Patched(file, InputSize, -1)), "the input size is -1");
        Rejects(net, () => Load(net, Patched(file, LayerCount, 3)), "room for 2 layers, but says it holds 3");
    }

    [Fact]
    public void SectionLengthsThatDoNotFit()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        Rejects(net, () => Load(net, Patched(file, ArchLength, 37)), "the ARCH section says it is 37 bytes long");
        Rejects(net, () => Load(net, Patched(file, ArchLength + 4, -1)), "the ARCH section says it is");
        Rejects(net, () => Load(net, Patched(file, ParmLength, 76)), "the PARM section says it is 76 bytes long; this network's 17 parameters take 72");
        Rejects(net, () => Load(net, Patched(file, ParmCount, 18)), "it holds 18 parameters; this network has 17");
        Rejects(net, () => Load(net, Patched(file, EndLength, 8)), "the END section says it is 8 bytes long");
    }

    [Fact]
    public void SectionsOutOfPlace()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        Rejects(net, () => Load(net, Patched(file, ArchTag, 0x41414141)), "the first section is 'AAAA' where the architecture section 'ARCH' belongs");
        Rejects(net, () => Load(net, Patched(file, ParmTag, 0x01020304)), "the section after ARCH is 0x01020304", "where the parameter section 'PARM' belongs");
        Rejects(net, () => Load(net, Insert(file, EndTag, file.Skip(ArchTag).Take(ParmTag - ArchTag).ToArray())), "a second 'ARCH' section starts at byte 144");
    }

    [Fact]
    public void AnUnknownSectionClaimingMoreThanTheFileHolds()
    {
        var net = new XorNet(1);
        byte[] file = Insert(Save(net), EndTag, Section("XTRA", new byte[8]));
        byte[] huge = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(huge.AsSpan(EndTag + 4), long.MaxValue);
        Rejects(net, () => Load(net, huge), "the file ends after", "inside section 'XTRA'");
        BinaryPrimitives.WriteUInt64LittleEndian(huge.AsSpan(EndTag + 4), ulong.MaxValue);
        Rejects(net, () => Load(net, huge), "section 'XTRA' says it is 18446744073709551615 bytes long");
    }

    [Fact]
    public void ADamagedFileFailsItsChecksum()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        file[FirstParameter + 5] ^= 0x10;
        Rejects(net, () => Load(net, file), "the checksum says 0x", "the 156 bytes before it have CRC-32 0x", "the file is damaged");
    }

    [Fact]
    public void ANonFiniteParameterWithAValidChecksum()
    {
        var net = new XorNet(1);
        Rejects(net, () => Load(net, Patched(Save(net), FirstParameter + 4 * 3, BitConverter.SingleToInt32Bits(float.NaN))), "parameter 3 (layer 1's weight [1, 1]) is NaN");
        Rejects(net, () => Load(net, Patched(Save(net), FirstParameter + 4 * 16, BitConverter.SingleToInt32Bits(float.NegativeInfinity))), "parameter 16 (layer 2's bias [0]) is -Infinity");
    }

    [Fact]
    public void ATruncatedFile()
    {
        var net = new XorNet(1);
        byte[] file = Save(net);
        Rejects(net, () => Load(net, file.Take(100).ToArray()), "the file ends after 100 bytes, inside the parameters (44 more bytes expected)");
        Rejects(net, () => Load(net, file.Take(XorFileLength - 1).ToArray()), "inside the checksum (1 more bytes expected)");
        Rejects(net, () => Load(net, Array.Empty<byte>()), "the file ends after 0 bytes, inside the magic bytes");
    }

    [Fact]
    public void AFileWithBytesAfterTheModel()
    {
        string directory = TemporaryDirectory();
        string path = Path.Combine(directory, "xor.snet");
        var net = new XorNet(1);
        File.WriteAllBytes(path, Save(net).Concat(new byte[] { 0 }).ToArray());
        Rejects(net, () => ModelFile.Load(net, path), path + ": Not a valid .snet file: 1 bytes follow the end of the data at byte 160.");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void SavingRefusesNonFiniteParameters()
    {
        var net = new XorNet(1);
        net.Parameters[12] = float.NaN;
        var sink = new SinkStream();
        var e = Assert.Throws<InvalidOperationException>(() => ModelFile.Save(net, sink));
        Assert.Contains("Parameter 12 (layer 2's weight [0, 0]) is NaN", e.Message);
        Assert.Empty(sink.Written);
    }

    [Fact]
    public void ANetworkThatDisagreesWithItsArchitectureIsRefused()
    {
        var architecture = new NetworkArchitecture(2, Loss.MeanSquaredError, new LayerInfo(1, Activation.Identity));
        var liar = new ArchitectureOnlyNetwork(architecture, parameterLength: 2);
        Assert.Throws<ArgumentException>("network", () => ModelFile.Save(liar, new MemoryStream()));
        Assert.Throws<ArgumentException>("network", () => ModelFile.Load(liar, new MemoryStream(Save(new ArchitectureOnlyNetwork(architecture)))));
    }
}
