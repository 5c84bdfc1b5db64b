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

    /// <summary>
    /// What XorNet holds after loading a damaged checkpoint that is valid after all (a row index or the step count changed,
    /// with a checksum that fits): the parameters the file holds. Damage to the model's header must be rejected.
    /// </summary>
    private static float[]? HeldParameters(byte[] bytes, byte[] original)
    {
        if (bytes.Length < FirstParameter + 4 * XorNet.ParameterCount || !bytes.AsSpan(0, FirstParameter).SequenceEqual(original.AsSpan(0, FirstParameter))) return null;
        return Enumerable.Range(0, XorNet.ParameterCount).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(FirstParameter + 4 * i))).ToArray();
    }

    [Fact]
    public void DamagedCheckpointsAreRejectedCleanly()
    {
        byte[] file = CheckpointOf(new XorNet(5));
        var network = new XorNet(11);
        TrainingBuffers buffers = TrainingBuffers.For(network);
        // A rejected load leaves no training state behind; an accepted one holds the file's.
        var h = new FuzzHarness(network, file, (net, stream) => net.LoadCheckpoint(stream), bytes => HeldParameters(bytes, file),
            beforeEach: () => buffers.Resume = null,
            alsoCheck: rejected => rejected == (buffers.Resume is null) ? null : rejected ? "was rejected but left a training state" : "was accepted but holds no training state");
        FuzzHarness.Truncations(h);
        FuzzHarness.BitFlips(h);
        foreach ((string name, int offset, int width) in new[]
        {
            ("TRST tag", State, 4), ("TRST length", State + 4, 8), ("state version", State + 12, 4), ("epoch", State + 16, 4), ("step", State + 20, 8),
            ("shuffle word 0", State + 28, 4), ("dropout flag", State + 44, 4), ("dropout word 3", State + 60, 4), ("row count", State + 64, 4),
            ("row 0", State + 68, 4), ("OPTM tag", Optimizer, 4), ("OPTM length", Optimizer + 4, 8), ("optimizer kind", Optimizer + 12, 4),
            ("state vectors", Optimizer + 16, 4), ("first moment 0", Optimizer + 20, 4), ("second moment 16", End - 4, 4), ("END length", End + 4, 8),
        })
        {
            FuzzHarness.HostileField(h, name, offset, width, FuzzHarness.RepairChecksum);
        }
        // A length and a row count that agree on a huge number of rows the file does not have: memory follows the bytes read.
        foreach (int rows in new[] { 1 << 20, 1 << 28, 0x1FFFFFF0 })
        {
            byte[] bytes = (byte[])file.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(State + 4), 56UL + 4UL * (ulong)rows);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(State + 64), rows);
            h.Try($"TRST length and row count agreeing on {rows} rows", bytes);
        }
        FuzzHarness.RandomDamage(h, 3, FuzzHarness.RepairChecksum);
        h.Report(_output, "checkpoint");
    }
}
