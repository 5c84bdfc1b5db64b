using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// How fast one core reads a block of floats it read last time (so it sits in the cache level its size puts it in):
/// the bound a single-sample Predict meets when it streams its weights once per call. The size is 784-128-10's first
/// layer (401 KB, inside a 1 MB L2), read as Predict reads it: every value once, 64-byte aligned.
/// </summary>
public class CacheReadBenchmarks
{
    private const int Floats = 784 * 128;

    private AlignedFloats _data = null!;  // on a cache line, as the network's parameters are

    [GlobalSetup] public void GlobalSetup() => _data = new AlignedFloats(Floats);

    /// <summary>The sum of the block in eight 512-bit accumulators: nothing but the loads (an AVX-512 machine's figure).</summary>
    [Benchmark]
    public float ReadAll()
    {
        ref float d = ref MemoryMarshal.GetReference(_data.Span);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (nuint i = 0; i < (nuint)Floats; i += 128)
        {
            a0 += Vector512.LoadUnsafe(ref d, i); a1 += Vector512.LoadUnsafe(ref d, i + 16);
            a2 += Vector512.LoadUnsafe(ref d, i + 32); a3 += Vector512.LoadUnsafe(ref d, i + 48);
            a4 += Vector512.LoadUnsafe(ref d, i + 64); a5 += Vector512.LoadUnsafe(ref d, i + 80);
            a6 += Vector512.LoadUnsafe(ref d, i + 96); a7 += Vector512.LoadUnsafe(ref d, i + 112);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }
}
