using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Serialization;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// Damaged checkpoints (XorNet after two epochs of Adam: 400 bytes, ARCH, PARM, TRST, OPTM, END): truncated at every
/// length, every bit flipped, every field of the state and optimizer sections set to hostile values (with the checksum
/// repaired, so the damage reaches the checks behind it), and seeded random edits. Every LoadCheckpoint must throw
/// InvalidDataException and leave the parameters and the training state as they were, or — where the damage leaves a
/// valid checkpoint (a row index or the step count changed, with a checksum that fits) — load the parameters it holds;
/// nothing else may be thrown, and no load may allocate more than the file's size plus a fixed allowance.
/// </summary>
public class CheckpointFuzzTests
{
    private const int AllocationAllowance = 16 * 1024;

    private static readonly int RandomEdits = int.TryParse(Environment.GetEnvironmentVariable("STATICNET_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : 2_000;

    /// <summary>Where the fields are in the file this test damages (docs/formats.md draws the layout).</summary>
    private const int FirstParameter = 76, State = 144, Optimizer = 228, End = 384, Checksum = 396, FileLength = 400;

    private readonly ITestOutputHelper _output;

    public CheckpointFuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly float[] XorInputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly float[] XorTargets = { 0, 1, 1, 0 };

    private static byte[] CheckpointOf(XorNet net)
    {
        net.Train(XorInputs, XorTargets, new TrainingOptions { Epochs = 2, BatchSize = 2, Optimizer = StaticNet.Training.Optimizer.Adam(0.01f), Seed = 3 });
        var stream = new MemoryStream();
        net.SaveCheckpoint(stream);
        return stream.ToArray();
    }

    [Fact]
    public void TheFileHasTheDocumentedLayout()
    {
        byte[] file = CheckpointOf(new XorNet(5));
        Assert.Equal(FileLength, file.Length);
        Assert.Equal("TRST", System.Text.Encoding.ASCII.GetString(file, State, 4));
        Assert.Equal(56UL + 4 * 4, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(State + 4)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(State + 12)));    // state version
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(State + 16)));    // epochs done
        Assert.Equal(4L, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(State + 20)));   // steps: 2 epochs × 2 batches
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(State + 44)));    // no dropout
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(State + 64)));    // rows
        Assert.Equal(new[] { 0, 1, 2, 3 }, Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(State + 68 + 4 * i))).OrderBy(r => r));
        Assert.Equal("OPTM", System.Text.Encoding.ASCII.GetString(file, Optimizer, 4));
        Assert.Equal(8UL + 2 * 4 * XorNet.ParameterCount, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(Optimizer + 4)));
        Assert.Equal((int)OptimizerKind.Adam, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Optimizer + 12)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Optimizer + 16)));
        Assert.Equal("END ", System.Text.Encoding.ASCII.GetString(file, End, 4));
        Assert.Equal(Crc32.Compute(file.AsSpan(0, Checksum)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(Checksum)));
    }

    private sealed class Harness
    {
        private readonly XorNet _network = new XorNet(11);
        private readonly float[] _original;
        private readonly List<string> _failures = new();
        private int _rejected, _accepted;
        private long _largestAllocation;

        public Harness(byte[] file)
        {
            File = file;
            _original = _network.Parameters.ToArray();
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
            var buffers = TrainingBuffers.For(_network);
            buffers.Resume = null;
            bool rejected = false;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                _network.LoadCheckpoint(new MemoryStream(bytes, writable: false));
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
            _largestAllocation = Math.Max(_largestAllocation, allocated);
            if (allocated > Math.Max(bytes.Length, File.Length) + AllocationAllowance) Fail(description, $"allocated {allocated} bytes for a file of {bytes.Length}");
            if (rejected)
            {
                _rejected++;
                if (!_network.Parameters.SequenceEqual(_original)) Fail(description, "was rejected but changed the parameters");
                if (buffers.Resume is not null) Fail(description, "was rejected but left a training state");
            }
            else
            {
                _accepted++;
                // A valid checkpoint after all: the damage spared everything up to the parameters, which the network now holds.
                float[] held = Enumerable.Range(0, XorNet.ParameterCount).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(FirstParameter + 4 * i))).ToArray();
                if (!bytes.AsSpan(0, FirstParameter).SequenceEqual(File.AsSpan(0, FirstParameter))) Fail(description, "was accepted though its model header is damaged");
                else if (!_network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).SequenceEqual(held.Select(BitConverter.SingleToInt32Bits))) Fail(description, "loaded other values than it holds");
                if (buffers.Resume is null) Fail(description, "was accepted but holds no training state");
            }
            _original.CopyTo(_network.Parameters);
        }

        private void Fail(string description, string what)
        {
            if (_failures.Count < 20) _failures.Add(description + ": " + what);
        }

        public void Report(ITestOutputHelper output)
        {
            output.WriteLine($"checkpoint: {_rejected + _accepted} damaged files, {_rejected} rejected, {_accepted} accepted as valid; largest allocation {_largestAllocation} bytes (the intact file: {File.Length} bytes)");
            Assert.True(_failures.Count == 0, string.Join("\n", _failures));
            Assert.True(_rejected > 0);
        }
    }

    private static byte[] RepairChecksum(byte[] bytes)
    {
        if (bytes.Length < 4) return bytes;
        bytes = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    private static readonly ulong[] HostileValues =
    {
        0, 1, 2, 3, 7, 8, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
        unchecked((ulong)-2), unchecked((ulong)-8), (1UL << 20), 0x7F800000, 0x7FC00000, 0xFF800000,
    };

    [Fact]
    public void DamagedCheckpointsAreRejectedCleanly()
    {
        byte[] file = CheckpointOf(new XorNet(5));
        var h = new Harness(file);
        for (int length = 0; length < file.Length; length++) h.Try($"truncated to {length} bytes", file.Take(length).ToArray());
        for (int bit = 0; bit < 8 * file.Length; bit++)
        {
            byte[] bytes = (byte[])file.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            h.Try($"bit {bit % 8} of byte {bit / 8} flipped", bytes);
        }
        foreach ((string name, int offset, int width) in new[]
        {
            ("TRST tag", State, 4), ("TRST length", State + 4, 8), ("state version", State + 12, 4), ("epoch", State + 16, 4), ("step", State + 20, 8),
            ("shuffle word 0", State + 28, 4), ("dropout flag", State + 44, 4), ("dropout word 3", State + 60, 4), ("row count", State + 64, 4),
            ("row 0", State + 68, 4), ("OPTM tag", Optimizer, 4), ("OPTM length", Optimizer + 4, 8), ("optimizer kind", Optimizer + 12, 4),
            ("state vectors", Optimizer + 16, 4), ("first moment 0", Optimizer + 20, 4), ("second moment 16", End - 4, 4), ("END length", End + 4, 8),
        })
        {
            ulong original = width == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset)) : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            foreach (ulong value in HostileValues.Concat(new[] { original + 1, original - 1, original + 8, original - 8 }))
            {
                byte[] bytes = (byte[])file.Clone();
                if (width == 8) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(offset), value);
                else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), unchecked((uint)value));
                h.Try($"{name} set to {value}", bytes);
                h.Try($"{name} set to {value}, checksum repaired", RepairChecksum(bytes));
            }
        }
        // A length and a row count that agree on a huge number of rows the file does not have: memory follows the bytes read.
        foreach (int rows in new[] { 1 << 20, 1 << 28, 0x1FFFFFF0 })
        {
            byte[] bytes = (byte[])file.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(State + 4), 56UL + 4UL * (ulong)rows);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(State + 64), rows);
            h.Try($"TRST length and row count agreeing on {rows} rows", bytes);
        }
        var random = new Random(3);
        for (int i = 0; i < RandomEdits; i++)
        {
            var bytes = new List<byte>(file);
            int edits = 1 + random.Next(4);
            for (int e = 0; e < edits && bytes.Count > 0; e++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256))); break;
                    case 2: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))); break;
                    default: bytes.InsertRange(at, bytes.Skip(random.Next(bytes.Count)).Take(1 + random.Next(24)).ToArray()); break;
                }
            }
            byte[] damaged = bytes.ToArray();
            h.Try($"random edit {i}", random.Next(2) == 0 ? damaged : RepairChecksum(damaged));
        }
        h.Report(_output);
    }
}
