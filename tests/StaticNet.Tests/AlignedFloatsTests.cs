using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The parameters and training scratch of networks with SIMD kernels start on a 64-byte cache line (512-bit loads
/// of a weight row then read one line each, not two), whatever the length, and stay there: the storage is pinned.
/// </summary>
public class AlignedFloatsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(101770)]
    public unsafe void VectorStartsOnACacheLineAndHoldsItsLengthOfZeros(int length)
    {
        for (int attempt = 0; attempt < 8; attempt++)  // eight allocations, not one that happened to land on a line
        {
            var vector = new AlignedFloats(length);
            Span<float> span = vector.Span;
            Assert.Equal(length, span.Length);
            Assert.All(span.ToArray(), v => Assert.Equal(0f, v));
            fixed (float* first = span) Assert.Equal(0L, (long)first % 64);
        }
    }

    /// <summary>
    /// The training scratch too: every layer's rows start a multiple of 16 floats into a sample's row, which is a
    /// multiple of 16 floats long, in arrays that start on a line — so the kernels' loads of the activations below
    /// a layer read one line each, for every sample, whatever the layer sizes (OddWideNet: 200-45-19-6).
    /// </summary>
    [Fact]
    public unsafe void TrainingScratchRowsStartOnCacheLines()
    {
        const System.Reflection.BindingFlags Private = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance;
        int Constant(string name) => (int)typeof(OddWideNet).GetField(name, Private)!.GetRawConstantValue()!;
        Assert.Equal(0, Constant("ScratchSize") % 16);
        foreach (string layer in new[] { "A1", "A2", "A3" }) Assert.Equal(0, Constant(layer) % 16);

        var net = new OddWideNet(1);
        ((StaticNet.Training.ITrainableNetwork)net).EnsureBatchCapacity(37);
        foreach (string field in new[] { "_activations", "_deltas" })
        {
            var scratch = (AlignedFloats)typeof(OddWideNet).GetField(field, Private)!.GetValue(net)!;
            Assert.Equal(37 * Constant("ScratchSize"), scratch.Length);
            fixed (float* first = scratch.Span) Assert.Equal(0L, (long)first % 64);
        }
    }

    [Fact]
    public unsafe void KernelNetworksParametersStayOnACacheLineAcrossCollections()
    {
        var net = new WideNet(3);
        float[] before = net.Parameters.ToArray();
        for (int i = 0; i < 3; i++)
        {
            _ = Enumerable.Range(0, 1000).Select(k => new float[k % 50]).ToList();  // garbage between collections
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        fixed (float* first = net.Parameters) Assert.Equal(0L, (long)first % 64);
        Assert.Equal(TrainingTests.Bits(before), TrainingTests.Bits(net.Parameters.ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>("length", () => new AlignedFloats(-1));
    }
}
