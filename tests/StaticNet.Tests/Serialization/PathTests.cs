using System;
using System.IO;
using System.Linq;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.Serialization.SerializationData;

namespace StaticNet.Tests.Serialization;

/// <summary>The path overloads: atomic saves, missing files, argument checks, for every format.</summary>
public sealed class PathTests : IDisposable
{
    private readonly string _directory = TemporaryDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Formats => new() { "snet", "safetensors", "onnx" };

    private static void SaveTo(string format, INetwork network, string path)
    {
        switch (format)
        {
            case "snet": ModelFile.Save(network, path); break;
            case "safetensors": Safetensors.Save(network, path); break;
            default: Onnx.Export(network, path); break;
        }
    }

    private static void SaveTo(string format, INetwork network, Stream stream)
    {
        switch (format)
        {
            case "snet": ModelFile.Save(network, stream); break;
            case "safetensors": Safetensors.Save(network, stream); break;
            default: Onnx.Export(network, stream); break;
        }
    }

    private string[] Leftovers() => Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

    [Theory]
    [MemberData(nameof(Formats))]
    public void SavingToAPathWritesWhatSavingToAStreamWrites(string format)
    {
        var net = new DigitsNet(1);
        string path = Path.Combine(_directory, "model." + format);
        File.WriteAllText(path, "an older, longer file that the save replaces as a whole ...............................");
        SaveTo(format, net, path);
        var stream = new MemoryStream();
        SaveTo(format, net, stream);
        Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(new[] { "model." + format }, Leftovers());   // no temporary file left beside it
    }

    [Fact]
    public void AWriteThatFailsHalfWayLeavesTheOldFileAndNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "model.snet");
        var old = new XorNet(1);
        ModelFile.Save(old, path);
        byte[] before = File.ReadAllBytes(path);
        var replacement = new MemoryStream();
        ModelFile.Save(new XorNet(2), replacement);

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, file =>
        {
            file.Write(replacement.ToArray(), 0, (int)replacement.Length / 2);
            throw new IOException("No space left on device");
        }));
        Assert.Equal("No space left on device", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.snet" }, Leftovers());
        var loaded = new XorNet(3);
        ModelFile.Load(loaded, path);
        SameBits(Snapshot(old), loaded.Parameters);
    }

    [Fact]
    public void ARenameTheFileSystemRefusesLeavesTheTargetAndNoTemporaryFile()
    {
        // The target is a directory with a file in it: writing the temporary file works, renaming over the target cannot.
        string path = Path.Combine(_directory, "model.snet");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "keep.txt"), "kept");
        Exception e = Record.Exception(() => ModelFile.Save(new XorNet(1), path))!;
        Assert.True(e is IOException or UnauthorizedAccessException, e.ToString());
        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "keep.txt")));
        Assert.Equal(new[] { "model.snet" }, Leftovers());
    }

    [Fact]
    public void ASaveThatFailsBeforeWritingLeavesTheOldFile()
    {
        string path = Path.Combine(_directory, "model.safetensors");
        Safetensors.Save(new XorNet(1), path);
        byte[] before = File.ReadAllBytes(path);
        var broken = new XorNet(2);
        broken.Parameters[0] = float.NaN;
        Assert.Throws<InvalidOperationException>(() => Safetensors.Save(broken, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, Leftovers());
    }

    [Fact]
    public void AMissingFileIsFileNotFoundForEveryLoader()
    {
        var net = new XorNet(1);
        foreach (string path in new[] { Path.Combine(_directory, "absent.snet"), Path.Combine(_directory, "no", "such", "directory.snet") })
        {
            Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => ModelFile.Load(net, path)).FileName);
            Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => Safetensors.Load(net, path)).FileName);
            Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => net.Load(path)).FileName);
            Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => net.LoadSafetensors(path)).FileName);
        }
    }

    [Fact]
    public void ASaveIntoAMissingDirectoryNamesTheTargetNotATemporaryFile()
    {
        string path = Path.Combine(_directory, "no", "such", "model.snet");
        var e = Assert.Throws<DirectoryNotFoundException>(() => new XorNet(1).Save(path));
        Assert.Contains("'" + path + "'", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void LoadingADirectoryIsFileNotFoundForEveryLoader()
    {
        var net = new XorNet(1);
        float[] before = Snapshot(net);
        string path = Path.Combine(_directory, "model.snet");
        Directory.CreateDirectory(path);
        foreach (Action load in new Action[] { () => net.Load(path), () => net.LoadSafetensors(path), () => net.LoadCheckpoint(path) })
        {
            var e = Assert.Throws<FileNotFoundException>(load);
            Assert.Equal(path, e.FileName);
            Assert.Contains("directory", e.Message);
        }
        SameBits(before, net.Parameters);
    }

    [Fact]
    public void BadDataThroughAPathNamesTheFile()
    {
        string path = Path.Combine(_directory, "model.snet");
        Safetensors.Save(new XorNet(1), path);   // the wrong format for ModelFile.Load
        var net = new XorNet(2);
        var e = Rejects(net, () => ModelFile.Load(net, path), path + ": Not a valid .snet file: it starts with ");
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void NullArgumentsAreArgumentNullException()
    {
        var net = new XorNet(1);
        INetwork none = null!;
        Assert.Throws<ArgumentNullException>("network", () => ModelFile.Save(none, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("network", () => ModelFile.Save(none, "x.snet"));
        Assert.Throws<ArgumentNullException>("network", () => ModelFile.Load(none, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("network", () => ModelFile.Load(none, "x.snet"));
        Assert.Throws<ArgumentNullException>("network", () => Safetensors.Save(none, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("network", () => Safetensors.Load(none, "x.safetensors"));
        Assert.Throws<ArgumentNullException>("network", () => Onnx.Export(none, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("network", () => Onnx.Export(none, "x.onnx"));
        Assert.Throws<ArgumentNullException>("stream", () => net.Save((Stream)null!));
        Assert.Throws<ArgumentNullException>("stream", () => net.Load((Stream)null!));
        Assert.Throws<ArgumentNullException>("stream", () => net.SaveSafetensors((Stream)null!));
        Assert.Throws<ArgumentNullException>("stream", () => net.LoadSafetensors((Stream)null!));
        Assert.Throws<ArgumentNullException>("stream", () => net.ExportOnnx((Stream)null!));
        Assert.Throws<ArgumentNullException>("path", () => net.Save((string)null!));
        Assert.Throws<ArgumentNullException>("path", () => net.Load((string)null!));
        Assert.Throws<ArgumentNullException>("path", () => net.SaveSafetensors((string)null!));
        Assert.Throws<ArgumentNullException>("path", () => net.LoadSafetensors((string)null!));
        Assert.Throws<ArgumentNullException>("path", () => net.ExportOnnx((string)null!));
    }

    [Fact]
    public void StreamsThatCannotDoTheJobAreArgumentException()
    {
        var net = new XorNet(1);
        Assert.Throws<ArgumentException>("stream", () => net.Save(new TrickleStream(new byte[0])));
        Assert.Throws<ArgumentException>("stream", () => net.Load(new SinkStream()));
        Assert.Throws<ArgumentException>("stream", () => net.LoadSafetensors(new SinkStream()));
        Assert.Throws<ArgumentException>("stream", () => net.ExportOnnx(new TrickleStream(new byte[0])));
    }
}
