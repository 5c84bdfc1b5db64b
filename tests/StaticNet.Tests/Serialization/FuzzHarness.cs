using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using StaticNet.Serialization;
using Xunit.Abstractions;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// Loads mutations of one valid file into one network and keeps the score, for every format's fuzz test: each load must
/// throw InvalidDataException and leave the network as it was, or (where the damage leaves a valid file) load exactly
/// what the file holds; nothing else may be thrown, and no load may allocate more than the file's size plus
/// <see cref="AllocationAllowance"/>. The mutations every format gets are here too. STATICNET_FUZZ_ITERATIONS sets the
/// number of random edits per file (default 2,000).
/// </summary>
internal sealed class FuzzHarness
{
    /// <summary>The reader's fixed buffers, the exception with its message and stack trace, and a small JSON tree.</summary>
    public const int AllocationAllowance = 16 * 1024;

    public static readonly int RandomEdits = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : 2_000;

    private readonly INetwork _network;
    private readonly float[] _original;
    private readonly Action<INetwork, Stream> _load;
    private readonly Func<byte[], float[]?> _whatAValidMutationHolds;
    private readonly Action? _beforeEach;
    private readonly Func<bool, string?>? _alsoCheck;
    private readonly List<string> _failures = new();
    private int _rejected, _accepted;
    private long _largestAllocation, _largestExcess;

    /// <summary>
    /// <paramref name="whatAValidMutationHolds"/> gives the parameters a file that loads must have put in the network (null:
    /// it should not have loaded); <paramref name="beforeEach"/> runs before each load, outside the allocation count;
    /// <paramref name="alsoCheck"/> after it, with whether it was rejected, returning a failure's description or null.
    /// </summary>
    public FuzzHarness(INetwork network, byte[] file, Action<INetwork, Stream> load, Func<byte[], float[]?> whatAValidMutationHolds,
        Action? beforeEach = null, Func<bool, string?>? alsoCheck = null)
    {
        _network = network;
        File = file;
        _load = load;
        _whatAValidMutationHolds = whatAValidMutationHolds;
        _beforeEach = beforeEach;
        _alsoCheck = alsoCheck;
        _original = _network.Parameters.ToArray();
        // Warm up: type initialisers, first-throw resource lookups and JIT leave their one-time allocations here.
        for (int i = 0; i < 3; i++)
        {
            Try("warm-up, intact", file);
            Try("warm-up, truncated", file.Take(file.Length / 2).ToArray());
        }
        _rejected = _accepted = 0;
    }

    public byte[] File { get; }

    public void Try(string description, byte[] bytes)
    {
        _beforeEach?.Invoke();
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
        long size = Math.Max(bytes.Length, File.Length);
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
        if (_alsoCheck?.Invoke(rejected) is string failure) Fail(description, failure);
        _original.CopyTo(_network.Parameters);
    }

    private void Fail(string description, string what)
    {
        if (_failures.Count < 20) _failures.Add(description + ": " + what);
        else if (_failures.Count == 20) _failures.Add("…");
    }

    public void Report(ITestOutputHelper output, string format)
    {
        output.WriteLine($"{format}: {_rejected + _accepted} damaged files, {_rejected} rejected, {_accepted} accepted as valid; largest allocation {_largestAllocation} bytes, at most {_largestExcess} bytes beyond the damaged file's size (the intact file: {File.Length} bytes)");
        Assert.True(_failures.Count == 0, string.Join("\n", _failures));
        Assert.True(_rejected > 0);
    }

    /// <summary>The .snet checksum (the file's last four bytes) rewritten to fit the damage, so that the damage reaches the checks behind it.</summary>
    public static byte[] RepairChecksum(byte[] bytes)
    {
        if (bytes.Length < 4) return bytes;
        bytes = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    // ── Mutations every format gets ──

    public static void Truncations(FuzzHarness h)
    {
        for (int length = 0; length < h.File.Length; length++) h.Try($"truncated to {length} bytes", h.File.Take(length).ToArray());
    }

    public static void BitFlips(FuzzHarness h)
    {
        for (int bit = 0; bit < 8 * h.File.Length; bit++)
        {
            byte[] bytes = (byte[])h.File.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            h.Try($"bit {bit % 8} of byte {bit / 8} flipped", bytes);
        }
    }

    private static readonly ulong[] HostileValues =
    {
        0, 1, 2, 3, 7, 8, 0x7F, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
        unchecked((ulong)-2), unchecked((ulong)-8), unchecked((ulong)int.MinValue), (1UL << 20), (1UL << 20) + 1,
        0x7F800000, 0x7FC00000, 0xFF800000,   // +∞, NaN and −∞ as float bits, for fields that hold floats
    };

    /// <summary>
    /// A little-endian field of <paramref name="width"/> bytes set to hostile values, and to the original ±1, ±8, ×2 and ÷2;
    /// each also with <paramref name="fix"/> applied (a repaired checksum or length), so the damage reaches the checks behind it.
    /// </summary>
    public static void HostileField(FuzzHarness h, string name, int offset, int width, Func<byte[], byte[]> fix)
    {
        ulong original = width == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(h.File.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(h.File.AsSpan(offset));
        foreach (ulong value in HostileValues.Concat(new[] { original + 1, original - 1, original + 8, original - 8, original * 2, original / 2 }))
        {
            byte[] bytes = (byte[])h.File.Clone();
            if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
            else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), unchecked((uint)value));
            h.Try($"{name} set to {value}", bytes);
            h.Try($"{name} set to {value}, the rest repaired", fix(bytes));
        }
    }

    /// <summary>Seeded edits, one to four per file: bytes overwritten, bits flipped, bytes inserted, ranges deleted or repeated.</summary>
    public static void RandomDamage(FuzzHarness h, int seed, Func<byte[], byte[]> fix)
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
}
