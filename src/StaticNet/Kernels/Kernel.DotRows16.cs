#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>The longest rows <see cref="DotRows16x512"/> takes (sixteen of them are 8 KB).</summary>
        private const int MaxSixteenRowInputs = 128;

        /// <summary>
        /// Whether one sample's rows go sixteen at a time through <see cref="DotRows16x512"/>: on AVX-512 machines, for
        /// short rows (a multiple of 16 inputs, up to 128), where the reductions, not the loads, are most of the work.
        /// Longer rows are bound by reading the weights (docs/performance.md: no gain measured at 256 inputs), and four
        /// rows at a time (<see cref="DotRows4"/>) read them from fewer streams.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool SixteenRowsPay<TLength>() where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            return Vector512.IsHardwareAccelerated && Avx512F.IsSupported && n % 16 == 0 && n <= MaxSixteenRowInputs;
        }

        /// <summary>
        /// r_k = Σ w_k[i]·x[i] for sixteen consecutive rows w_0…w_15 of n = TLength elements (a multiple of 16), as one
        /// vector in row order: one accumulator per row, each chunk of x loaded once for sixteen rows, and the sixteen
        /// accumulators reduced together (<see cref="Reductions.BlockSums"/>, 45 instructions for all sixteen, where four
        /// rows at a time fold each accumulator on its own and leave the sums to be stored one by one).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> DotRows16x512<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
            for (int i = 0; i < n; i += 16)
            {
                Vector512<float> xv = Load512(ref x, i);
                a0 = Fused.MultiplyAdd(Load512(ref w, i), xv, a0);
                a1 = Fused.MultiplyAdd(Load512(ref w, n + i), xv, a1);
                a2 = Fused.MultiplyAdd(Load512(ref w, 2 * n + i), xv, a2);
                a3 = Fused.MultiplyAdd(Load512(ref w, 3 * n + i), xv, a3);
                a4 = Fused.MultiplyAdd(Load512(ref w, 4 * n + i), xv, a4);
                a5 = Fused.MultiplyAdd(Load512(ref w, 5 * n + i), xv, a5);
                a6 = Fused.MultiplyAdd(Load512(ref w, 6 * n + i), xv, a6);
                a7 = Fused.MultiplyAdd(Load512(ref w, 7 * n + i), xv, a7);
                a8 = Fused.MultiplyAdd(Load512(ref w, 8 * n + i), xv, a8);
                a9 = Fused.MultiplyAdd(Load512(ref w, 9 * n + i), xv, a9);
                a10 = Fused.MultiplyAdd(Load512(ref w, 10 * n + i), xv, a10);
                a11 = Fused.MultiplyAdd(Load512(ref w, 11 * n + i), xv, a11);
                a12 = Fused.MultiplyAdd(Load512(ref w, 12 * n + i), xv, a12);
                a13 = Fused.MultiplyAdd(Load512(ref w, 13 * n + i), xv, a13);
                a14 = Fused.MultiplyAdd(Load512(ref w, 14 * n + i), xv, a14);
                a15 = Fused.MultiplyAdd(Load512(ref w, 15 * n + i), xv, a15);
            }
            // BlockSums puts Σ s_rq in lane 4·q + r; row k = 4·q + r is s_rq, so the lanes come out in row order.
            return Reductions.BlockSums(a0, a4, a8, a12, a1, a5, a9, a13, a2, a6, a10, a14, a3, a7, a11, a15);
        }
    }
}
#endif
