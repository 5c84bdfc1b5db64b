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
    /// <summary>The reader's fixed buffers, the exception with its message and stack trace, and a small JSON tree.</summary>
    private const int AllocationAllowance = 16 * 1024;

    private static readonly int RandomEdits = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : 2_000;

    private readonly ITestOutputHelper _output;

    public SerializationFuzzTests(ITestOutputHelper output) => _output = output;

    /// <summary>Loads mutations of one valid file into one network and keeps the score.</summary>
    private sealed class Harness
    {
        private readonly INetwork _network = new XorNet(11);
        private readonly float[] _original;
        private readonly byte[] _file;
        private readonly Action<INetwork, Stream> _load;
        private readonly Func<byte[], float[]?> _whatAValidMutationHolds;
        private readonly List<string> _failures = new();
        private int _rejected, _accepted;
        private long _largestAllocation, _largestExcess;

        public Harness(byte[] file, Action<INetwork, Stream> load, Func<byte[], float[]?> whatAValidMutationHolds)
        {
            _file = file;
            _load = load;
            _whatAValidMutationHolds = whatAValidMutationHolds;
            _original = _network.Parameters.ToArray();
            // Warm up: type initialisers, first-throw resource lookups and JIT leave their one-time allocations here.
            for (int i = 0; i < 3; i++)
            {
                Try("warm-up, intact", file);
                Try("warm-up, truncated", file.Take(file.Length / 2).ToArray());
            }
            _rejected = _accepted = 0;
        }

        public byte[] File => _file;

        public void Try(string description, byte[] bytes)
        {
            var stream = new MemoryStream(bytes, writable: false);
            bool rejected = false;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                _load(_network, stream);
            }
            catch (InvalidDataException)
            {
                rejected = true;
            }
            catch (Exception e)
            {
                Fail(description, $"threw {e.GetType().Name}: {e.Message}");
                rejected = true;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long size = Math.Max(bytes.Length, _file.Length);
            _largestAllocation = Math.Max(_largestAllocation, allocated);
            _largestExcess = Math.Max(_largestExcess, allocated - size);
            if (allocated > size + AllocationAllowance) Fail(description, $"allocated {allocated} bytes for a file of {bytes.Length}");

            if (rejected)
            {
                _rejected++;
                if (!_network.Parameters.SequenceEqual(_original)) Fail(description, "was rejected but changed the network");
            }
            else
            {
                _accepted++;
                float[]? expected = _whatAValidMutationHolds(bytes);
                if (expected is null) Fail(description, "was accepted though it is not a valid file");
                else if (!_network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(expected.Select(BitConverter.SingleToInt32Bits))) Fail(description, "was accepted but loaded other values than it holds");
            }
            _original.CopyTo(_network.Parameters);
        }

        private void Fail(string description, string what)
        {
            if (_failures.Count < 20) _failures.Add(description + ": " + what);
            else if (_failures.Count == 20) _failures.Add("…");
        }

        public void Report(ITestOutputHelper output, string format)
        {
            output.WriteLine($"{format}: {_rejected + _accepted} damaged files, {_rejected} rejected, {_accepted} accepted as valid; largest allocation {_largestAllocation} bytes, at most {_largestExcess} bytes beyond the damaged file's size (the intact file: {_file.Length} bytes)");
            Assert.True(_failures.Count == 0, string.Join("\n", _failures));
            Assert.True(_rejected > 0);
        }
    }

    // ── Mutations both formats get ──

    private static void Truncations(Harness h)
    {
        for (int length = 0; length < h.File.Length; length++) h.Try($"truncated to {length} bytes", h.File.Take(length).ToArray());
    }

    private static void BitFlips(Harness h)
    {
        for (int bit = 0; bit < 8 * h.File.Length; bit++)
        {
            byte[] bytes = (byte[])h.File.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            h.Try($"bit {bit % 8} of byte {bit / 8} flipped", bytes);
        }
    }

    private static readonly ulong[] HostileLengths =
    {
        0, 1, 2, 3, 7, 8, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
        unchecked((ulong)-2), unchecked((ulong)-8), unchecked((ulong)int.MinValue), (1UL << 20), (1UL << 20) + 1,
    };

    /// <summary>A little-endian field of <paramref name="width"/> bytes set to hostile values, and to the original ±1 and ±8.</summary>
    private static void HostileField(Harness h, string name, int offset, int width, Func<byte[], byte[]> fix)
    {
        ulong original = width == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(h.File.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(h.File.AsSpan(offset));
        foreach (ulong value in HostileLengths.Concat(new[] { original + 1, original - 1, original + 8, original - 8, original * 2, original / 2 }))
        {
            byte[] bytes = (byte[])h.File.Clone();
            if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), unchecked((uint)value));
            h.Try($"{name} set to {value}", bytes);
            h.Try($"{name} set to {value}, the rest repaired", fix(bytes));
        }
    }

    /// <summary>Seeded edits, one to four per file: bytes overwritten, bits flipped, bytes inserted, ranges deleted or repeated.</summary>
    private static void RandomDamage(Harness h, int seed, Func<byte[], byte[]> fix)
    {
        var random = new Random(seed);
        for (int i = 0; i < RandomEdits; i++)
        {
            var bytes = new List<byte>(h.File);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits && bytes.Count > 0; e++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                    case 2: bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256))); break;
                    case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                    default: bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(1 + random.Next(24)).ToArray()); break;
                }
            }
            byte[] damaged = bytes.ToArray();
            h.Try($"random edit {i} (seed {seed})", random.Next(2) == 0 ? damaged : fix(damaged));
        }
    }

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

    /// <summary>The checksum rewritten to fit the damage, so that the damage reaches the checks behind it.</summary>
    private static byte[] RepairChecksum(byte[] bytes)
    {
        if (bytes.Length < 4) return bytes;
        bytes = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    [Fact]
    public void DamagedSnetFilesAreRejectedCleanly()
    {
        byte[] file = SnetFile();
        var h = new Harness(file, (net, stream) => ModelFile.Load(net, stream), bytes => SnetParameters(bytes, file));
        Truncations(h);
        BitFlips(h);
        foreach ((string name, int offset, int width) in new[]
        {
            ("format version", 8, 4), ("ARCH length", 16, 8), ("input size", 24, 4), ("loss", 28, 4), ("layer count", 32, 4),
            ("layer 1 size", 36, 4), ("layer 1 activation", 40, 4), ("layer 2 size", 48, 4), ("PARM length", 64, 8),
            ("parameter count", 72, 4), ("END length", 148, 8), ("checksum", Checksum, 4),
        })
        {
            HostileField(h, name, offset, width, RepairChecksum);
        }
        RandomDamage(h, 1, RepairChecksum);
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
        var h = new Harness(file, (net, stream) => Safetensors.Load(net, stream), SafetensorsData);
        Func<byte[], byte[]> repair = bytes => RepairHeaderLength(bytes, file.Length, data.Length);
        Truncations(h);
        BitFlips(h);
        HostileField(h, "header length", 0, 8, bytes => bytes);

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

        RandomDamage(h, 2, repair);
        h.Report(_output, "safetensors");
    }
}
