using System;
using System.Linq;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The parameters of networks with SIMD kernels start on a 64-byte cache line (512-bit loads of a weight row then
/// read one line each, not two), whatever the length, and stay there: the storage is pinned.
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
