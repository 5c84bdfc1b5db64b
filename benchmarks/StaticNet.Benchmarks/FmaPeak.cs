using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Benchmarks;

/// <summary>
/// This core's single-thread float FMA peak, measured: independent fused multiply-add chains on the widest accelerated
/// vector, enough to cover FMA latency × ports on current x86 cores (4 cycles × 2 needs 8) and few enough to stay in
/// registers: 16 on AVX-512's 32 registers, 12 on AVX2's 16 (sixteen chains and the two constants spill there, and the
/// loop then measured half the peak a batched forward pass reached).
/// </summary>
public static class FmaPeak
{
    /// <summary>Measured peak in GFLOP/s (one FMA = 2 flops); set by <see cref="Measure"/>.</summary>
    public static double Gflops { get; private set; } = double.NaN;

    public static int Lanes => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    /// <summary>The FMAs per iteration of the loop <see cref="Measure"/> runs (<see cref="Chains512"/> or <see cref="Chains256"/>).</summary>
    public static int Chains => Vector512.IsHardwareAccelerated ? 16 : 12;

    public static double Measure()
    {
        const long iterations = 20_000_000;
        double best = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            float sink = Vector512.IsHardwareAccelerated ? Chains512(iterations) : Chains256(iterations);
            clock.Stop();
            if (float.IsNaN(sink)) throw new InvalidOperationException("unreachable: keeps the loop alive");
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        Gflops = iterations * (double)Chains * Lanes * 2 / best / 1e9;
        return Gflops;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Chains512(long iterations)
    {
        Vector512<float> m = Vector512.Create(0.99999994f), c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            a12 = Vector512.FusedMultiplyAdd(a12, m, c); a13 = Vector512.FusedMultiplyAdd(a13, m, c);
            a14 = Vector512.FusedMultiplyAdd(a14, m, c); a15 = Vector512.FusedMultiplyAdd(a15, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float Chains256(long iterations)
    {
        Vector256<float> m = Vector256.Create(0.99999994f), c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector256<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
