using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// Thousands of damaged .snet and .safetensors files: truncated at every length, every bit flipped, length fields and
/// header numbers set to huge, negative and off-by-one values, the JSON header corrupted character by character and
/// structurally, and seeded random edits. Every load must either throw InvalidDataException and leave the network
/// as it was, or (where the damage leaves a valid file) load exactly what the file holds; nothing else may be thrown,
/// and no load may allocate more than the file's size plus a fixed allowance. STATICNET_FUZZ_ITERATIONS sets the
/// number of random edits per format (default 2,000).
/// </summary>
public class SerializationFuzzTests
{
    private readonly ITestOutputHelper _output;

    public SerializationFuzzTests(ITestOutputHelper output) => _output = output;

    // ── .snet ──

    private static byte[] SnetFile()
    {
        var stream = new MemoryStream();
        ModelFile.Save(new XorNet(5), stream);
        return stream.ToArray();
    }

    private const int FirstParameter = 76, EndSection = 144, Checksum = 156;

    /// <summary>
    /// What XorNet holds after loading a damaged file that is valid after all (damage confined to the parameters, with a
    /// checksum that fits; or damage after the end, which a stream reader never reads): the 17 floats it holds. Any other
    /// damage must be rejected (a checksum collision by chance is a 2⁻³² event).
    /// </summary>
    private static float[]? SnetParameters(byte[] bytes, byte[] original)
    {
        if (bytes.Length < original.Length
            || !bytes.AsSpan(0, FirstParameter).SequenceEqual(original.AsSpan(0, FirstParameter))
            || !bytes.AsSpan(EndSection, Checksum - EndSection).SequenceEqual(original.AsSpan(EndSection, Checksum - EndSection)))
        {
            return null;
        }
        return Enumerable.Range(0, XorNet.ParameterCount).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(FirstParameter + 4 * i))).ToArray();
    }

    [Fact]
    public void DamagedSnetFilesAreRejectedCleanly()
    {
        byte[] file = SnetFile();
        var h = new FuzzHarness(new XorNet(11), file, (net, stream) => ModelFile.Load(net, stream), bytes => SnetParameters(bytes, file));
        FuzzHarness.Truncations(h);
        FuzzHarness.BitFlips(h);
        foreach ((string name, int offset, int width) in new[]
        {
            ("format version", 8, 4), ("ARCH length", 16, 8), ("input size", 24, 4), ("loss", 28, 4), ("layer count", 32, 4),
            ("layer 1 size", 36, 4), ("layer 1 activation", 40, 4), ("layer 2 size", 48, 4), ("PARM length", 64, 8),
            ("parameter count", 72, 4), ("END length", 148, 8), ("checksum", Checksum, 4),
        })
        {
            FuzzHarness.HostileField(h, name, offset, width, FuzzHarness.RepairChecksum);
        }
        FuzzHarness.RandomDamage(h, 1, FuzzHarness.RepairChecksum);
        h.Report(_output, ".snet");
    }

    // ── safetensors ──

    private static byte[] SafetensorsFile(out string header, out byte[] data)
    {
        var stream = new MemoryStream();
        Safetensors.Save(new XorNet(5), stream);
        byte[] file = stream.ToArray();
        int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        header = Encoding.UTF8.GetString(file, 8, length);
        data = file.Skip(8 + length).ToArray();
        return file;
    }

    private static byte[] WithHeader(string header, byte[] data) => WithHeader(Encoding.UTF8.GetBytes(header), data);

    private static byte[] WithHeader(byte[] header, byte[] data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    /// <summary>What XorNet holds after loading a file whose header survived: its 17 floats where the (possibly damaged) header length says the data starts.</summary>
    private static float[]? SafetensorsData(byte[] bytes)
    {
        if (bytes.Length < 8) return null;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (length > (ulong)bytes.Length || 8 + (long)length + 4 * XorNet.ParameterCount > bytes.Length) return null;
        var values = new float[XorNet.ParameterCount];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)length + 4 * i));
        return values;
    }

    /// <summary>The header length rewritten to fit damage done elsewhere: the bytes after it up to the first '}' followed by padding or data are the header.</summary>
    private static byte[] RepairHeaderLength(byte[] bytes, int originalFileLength, int dataLength)
    {
        if (bytes.Length < 8 + dataLength) return bytes;
        bytes = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(bytes.Length - 8 - dataLength));
        return bytes;
    }

    [Fact]
    public void DamagedSafetensorsFilesAreRejectedCleanly()
    {
        byte[] file = SafetensorsFile(out string header, out byte[] data);
        var h = new FuzzHarness(new XorNet(11), file, (net, stream) => Safetensors.Load(net, stream), SafetensorsData);
        Func<byte[], byte[]> repair = bytes => RepairHeaderLength(bytes, file.Length, data.Length);
        FuzzHarness.Truncations(h);
        FuzzHarness.BitFlips(h);
        FuzzHarness.HostileField(h, "header length", 0, 8, bytes => bytes);

        // Every number in the header (shapes, offsets) replaced by a hostile one.
        string[] numbers = { "-1", "-0", "0", "1", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1e3", "1.5", "3e400", "NaN", "\"4\"", "null", "[]", "{}" };
        for (int at = 0; at < header.Length; at++)
        {
            if (!char.IsDigit(header[at]) || char.IsDigit(header[at - 1])) continue;
            int end = at;
            while (char.IsDigit(header[end])) end++;
            foreach (string number in numbers) h.Try($"header number at {at} set to {number}", WithHeader(header.Substring(0, at) + number + header.Substring(end), data));
        }

        // Every character of the header replaced by JSON's structural characters and others, deleted, or doubled.
        string replacements = "{}[]\":,\\ \t\n0-9eE.+aztfnu\u0000\u007f\u00e9\ud800";
        for (int at = 0; at < header.TrimEnd().Length; at++)
        {
            foreach (char c in replacements)
            {
                if (c == header[at]) continue;
                h.Try($"header character {at} set to U+{(int)c:X4}", WithHeader(header.Substring(0, at) + c + header.Substring(at + 1), data));
            }
            h.Try($"header character {at} deleted", WithHeader(header.Remove(at, 1), data));
            h.Try($"header character {at} doubled", WithHeader(header.Insert(at, header[at].ToString()), data));
        }

        // Bytes no UTF-8 text holds, a byte order mark, and structures built to exhaust a naive parser.
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        foreach (byte[] bad in new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xC0, 0xAF } })
        {
            h.Try($"bytes {Convert.ToHexString(bad)} in a key", WithHeader(headerBytes.Take(3).Concat(bad).Concat(headerBytes.Skip(3)).ToArray(), data));
        }
        h.Try("a byte order mark first", WithHeader(new byte[] { 0xEF, 0xBB, 0xBF }.Concat(headerBytes).ToArray(), data));
        string metadata = "\"__metadata__\":{\"format\":\"pt\"}";
        string[] structures =
        {
            "\"__metadata__\":" + new string('[', 100_000) + new string(']', 100_000),
            "\"__metadata__\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000),
            "\"__metadata__\":{\"format\":\"" + new string('x', 500_000) + "\"}",
            "\"__metadata__\":{\"format\":\"pt\",\"format\":\"pt\"}",
            "\"__metadata__\":{\"format\":\"\\uD800\"}",
            "\"__metadata__\":{\"format\":1}",
            "\"__metadata__\":null",
            "\"__metadata__\":{\"format\":\"pt\"},\"__metadata__\":{}",
            "\"__metadata__\":{\"format\":\"pt\"},\"4.weight\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[68,72]}",
            "\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F32\",\"shape\":[4,2],\"data_offsets\":[0,32]}",
        };
        foreach (string structure in structures) h.Try($"metadata replaced by {structure.Substring(0, Math.Min(structure.Length, 40))}…", WithHeader(header.Replace(metadata, structure), data));

        FuzzHarness.RandomDamage(h, 2, repair);
        h.Report(_output, "safetensors");
    }
}
