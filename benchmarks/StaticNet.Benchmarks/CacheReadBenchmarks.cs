using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// How fast one core reads a block of floats it read last time (so it sits in the cache level its size puts it in):
/// the bound a single-sample Predict meets when it streams its weights once per call. The size is 784-128-10's first
/// layer (401 KB, inside a 1 MB L2), read as Predict reads it: every value once, 64-byte aligned. Each L2 row has an
/// L1 twin doing the same loads and arithmetic over the first 8 KB again and again, so the gap between the two is what
/// the L2 costs and nothing else. The widest accelerated vector: 512-bit on AVX-512, else 256-bit (there 128 outputs need
/// sixteen accumulators, one more register than AVX2 has, so the broadcast takes two passes of 64 outputs, as the
/// library's transposed first layer does).
/// </summary>
public class CacheReadBenchmarks
{
    private const int Inputs = 784, Outputs = 128, Floats = Inputs * Outputs;
    private const int L1Rows = 16;  // 16 rows × 128 floats = 8 KB, a quarter of a 32 KB L1D

    private AlignedFloats _data = null!;  // on a cache line, as the network's parameters are
    private float[] _x = null!;
    private float[] _z = new float[Outputs];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _data = new AlignedFloats(Floats);
        var random = new Random(7);
        Span<float> w = _data.Span;
        for (int i = 0; i < w.Length; i++) w[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        _x = new float[Inputs];
        for (int i = 0; i < Inputs; i++) _x[i] = (float)random.NextDouble();
    }

    /// <summary>The sum of the block in eight vector accumulators: nothing but the loads.</summary>
    [Benchmark] public float ReadAll() => Sum(Inputs);

    /// <summary><see cref="ReadAll"/>'s loads over the first 8 KB only, read 49 times: the L1's rate.</summary>
    [Benchmark] public float ReadAllFromL1() => Sum(L1Rows);

    /// <summary>
    /// The first layer of a transposed Predict (z = Σᵢ x[i] · row i, x[i] broadcast into eight accumulators): 784 rows of
    /// 128 floats streamed from the L2, the loads and FMAs of 784-128-10's first layer.
    /// </summary>
    [Benchmark] public float BroadcastRows() => Broadcast(Inputs);

    /// <summary><see cref="BroadcastRows"/>'s loads and FMAs with the row index wrapped every 16 rows (8 KB, in the L1).</summary>
    [Benchmark] public float BroadcastRowsFromL1() => Broadcast(L1Rows);

    /// <summary>
    /// <see cref="BroadcastRows"/> with the block stored as panels of the outputs one pass takes ([outputs / 64][inputs][64]
    /// on 256-bit vectors, the yardstick's layout; the library reads four [inputs][16] panels at once instead), so that
    /// each pass reads one linear stream instead of half of every row. With 512-bit vectors a pass takes all 128 outputs
    /// and a panel is the whole block, so this is <see cref="BroadcastRows"/>.
    /// </summary>
    [Benchmark] public float BroadcastPanels()
    {
        if (Vector512.IsHardwareAccelerated) Broadcast128x512(Inputs);
        else { Broadcast64x256(Inputs, 0, 64, 0); Broadcast64x256(Inputs, Inputs * 64, 64, 64); }
        return _z[0];
    }

    /// <summary>Reads 784 rows of 128 floats: the first <paramref name="blockRows"/> rows of the block over and over.</summary>
    private float Sum(int blockRows) => Vector512.IsHardwareAccelerated ? Sum512(blockRows) : Sum256(blockRows);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private float Sum512(int blockRows)
    {
        ref float d = ref MemoryMarshal.GetReference(_data.Span);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int pass = 0; pass < Inputs / blockRows; pass++)
            for (nuint i = 0; i < (nuint)(blockRows * Outputs); i += 128)
            {
                a0 += Vector512.LoadUnsafe(ref d, i); a1 += Vector512.LoadUnsafe(ref d, i + 16);
                a2 += Vector512.LoadUnsafe(ref d, i + 32); a3 += Vector512.LoadUnsafe(ref d, i + 48);
                a4 += Vector512.LoadUnsafe(ref d, i + 64); a5 += Vector512.LoadUnsafe(ref d, i + 80);
                a6 += Vector512.LoadUnsafe(ref d, i + 96); a7 += Vector512.LoadUnsafe(ref d, i + 112);
            }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>784 inputs times rows of 128 floats, input i against row i mod <paramref name="blockRows"/>.</summary>
    private float Broadcast(int blockRows)
    {
        if (Vector512.IsHardwareAccelerated) Broadcast128x512(blockRows);
        else { Broadcast64x256(blockRows, 0, Outputs, 0); Broadcast64x256(blockRows, 64, Outputs, 64); }
        return _z[0];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Broadcast128x512(int blockRows)
    {
        ref float w = ref MemoryMarshal.GetReference(_data.Span);
        ref float x = ref MemoryMarshal.GetArrayDataReference(_x);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i0 = 0; i0 < Inputs; i0 += blockRows)
            for (int k = 0; k < blockRows; k++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref x, i0 + k));
                nuint r = (nuint)(k * Outputs);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r), xi, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 16), xi, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 32), xi, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 48), xi, a3);
                a4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 64), xi, a4);
                a5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 80), xi, a5);
                a6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 96), xi, a6);
                a7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, r + 112), xi, a7);
            }
        ref float z = ref MemoryMarshal.GetArrayDataReference(_z);
        a0.StoreUnsafe(ref z, 0); a1.StoreUnsafe(ref z, 16); a2.StoreUnsafe(ref z, 32); a3.StoreUnsafe(ref z, 48);
        a4.StoreUnsafe(ref z, 64); a5.StoreUnsafe(ref z, 80); a6.StoreUnsafe(ref z, 96); a7.StoreUnsafe(ref z, 112);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private float Sum256(int blockRows)
    {
        ref float d = ref MemoryMarshal.GetReference(_data.Span);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int pass = 0; pass < Inputs / blockRows; pass++)
            for (nuint i = 0; i < (nuint)(blockRows * Outputs); i += 64)
            {
                a0 += Vector256.LoadUnsafe(ref d, i); a1 += Vector256.LoadUnsafe(ref d, i + 8);
                a2 += Vector256.LoadUnsafe(ref d, i + 16); a3 += Vector256.LoadUnsafe(ref d, i + 24);
                a4 += Vector256.LoadUnsafe(ref d, i + 32); a5 += Vector256.LoadUnsafe(ref d, i + 40);
                a6 += Vector256.LoadUnsafe(ref d, i + 48); a7 += Vector256.LoadUnsafe(ref d, i + 56);
            }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>Outputs j0 … j0 + 63 into z from rows <paramref name="stride"/> floats apart starting at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Broadcast64x256(int blockRows, int start, int stride, int j0)
    {
        ref float w = ref MemoryMarshal.GetReference(_data.Span);
        ref float x = ref MemoryMarshal.GetArrayDataReference(_x);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i0 = 0; i0 < Inputs; i0 += blockRows)
            for (int k = 0; k < blockRows; k++)
            {
                Vector256<float> xi = Vector256.Create(Unsafe.Add(ref x, i0 + k));
                nuint r = (nuint)(start + k * stride);
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r), xi, a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 8), xi, a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 16), xi, a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 24), xi, a3);
                a4 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 32), xi, a4);
                a5 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 40), xi, a5);
                a6 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 48), xi, a6);
                a7 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, r + 56), xi, a7);
            }
        ref float z = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_z), j0);
        a0.StoreUnsafe(ref z, 0); a1.StoreUnsafe(ref z, 8); a2.StoreUnsafe(ref z, 16); a3.StoreUnsafe(ref z, 24);
        a4.StoreUnsafe(ref z, 32); a5.StoreUnsafe(ref z, 40); a6.StoreUnsafe(ref z, 48); a7.StoreUnsafe(ref z, 56);
    }
}
