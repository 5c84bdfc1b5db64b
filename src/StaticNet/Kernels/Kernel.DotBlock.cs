using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// sums[4·q + r] = Σ w_r[i]·x_q[i] for four consecutive weight rows w_0…w_3 and four samples x0…x3 of n = TLength
        /// elements: a 4 × 4 register block (a GEMM micro-kernel in miniature), each loaded chunk feeding four FMAs, and
        /// each sample's four sums together, as its activations are stored. Machines without 256-bit vectors run the four
        /// rows through DotX4.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void DotBlock<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, ref float sums) where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) { DotBlock512<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, ref sums); return; }
            if (Vector256.IsHardwareAccelerated && n >= 8) { DotBlock256<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, ref sums); return; }
#endif
            DotBlockByRows<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, ref sums);
        }

        /// <summary>The block as four rows through DotX4, for machines without 256-bit vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotBlockByRows<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, ref float sums) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            for (int r = 0; r < 4; r++)
            {
                DotX4<TLength>(ref Unsafe.Add(ref w, n * r), ref x0, ref x1, ref x2, ref x3, out float d0, out float d1, out float d2, out float d3);
                Unsafe.Add(ref sums, r) = d0;
                Unsafe.Add(ref sums, 4 + r) = d1;
                Unsafe.Add(ref sums, 8 + r) = d2;
                Unsafe.Add(ref sums, 12 + r) = d3;
            }
        }

        /// <summary>The elements after the last full vector of a block, one at a time, added onto the sums.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddBlockTail(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, ref float sums, int n, int done)
        {
            for (int i = done; i < n; i++)
            {
                for (int r = 0; r < 4; r++)
                {
                    float wi = Unsafe.Add(ref w, i + r * n);
                    Unsafe.Add(ref sums, r) += wi * Unsafe.Add(ref x0, i);
                    Unsafe.Add(ref sums, 4 + r) += wi * Unsafe.Add(ref x1, i);
                    Unsafe.Add(ref sums, 8 + r) += wi * Unsafe.Add(ref x2, i);
                    Unsafe.Add(ref sums, 12 + r) += wi * Unsafe.Add(ref x3, i);
                }
            }
        }
#if NET8_0_OR_GREATER
        /// <summary>Sixteen 512-bit accumulators (AVX-512 has 32 registers), summed into one vector by <see cref="Reductions.BlockSums"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotBlock512<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, ref float sums) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, full = n / 16 * 16;
            Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
            Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
            for (int i = 0; i < full; i += 16)
            {
                Vector512<float> xv0 = Load512(ref x0, i), xv1 = Load512(ref x1, i), xv2 = Load512(ref x2, i), xv3 = Load512(ref x3, i);
                Vector512<float> w0 = Load512(ref w, i);
                s00 = Fused.MultiplyAdd(w0, xv0, s00); s01 = Fused.MultiplyAdd(w0, xv1, s01); s02 = Fused.MultiplyAdd(w0, xv2, s02); s03 = Fused.MultiplyAdd(w0, xv3, s03);
                Vector512<float> w1 = Load512(ref w, i + n);
                s10 = Fused.MultiplyAdd(w1, xv0, s10); s11 = Fused.MultiplyAdd(w1, xv1, s11); s12 = Fused.MultiplyAdd(w1, xv2, s12); s13 = Fused.MultiplyAdd(w1, xv3, s13);
                Vector512<float> w2 = Load512(ref w, i + 2 * n);
                s20 = Fused.MultiplyAdd(w2, xv0, s20); s21 = Fused.MultiplyAdd(w2, xv1, s21); s22 = Fused.MultiplyAdd(w2, xv2, s22); s23 = Fused.MultiplyAdd(w2, xv3, s23);
                Vector512<float> w3 = Load512(ref w, i + 3 * n);
                s30 = Fused.MultiplyAdd(w3, xv0, s30); s31 = Fused.MultiplyAdd(w3, xv1, s31); s32 = Fused.MultiplyAdd(w3, xv2, s32); s33 = Fused.MultiplyAdd(w3, xv3, s33);
            }
            Store512(Reductions.BlockSums(s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33), ref sums, 0);
            if (full < n) AddBlockTail(ref w, ref x0, ref x1, ref x2, ref x3, ref sums, n, full);
        }

        /// <summary>
        /// The 256-bit block, two rows at a time: AVX2 has sixteen vector registers, not thirty-two, so two rows × four
        /// samples (eight accumulators, four sample chunks, a weight chunk) fit where four rows would spill.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotBlock256<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, ref float sums) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, full = n / 8 * 8;
            for (int pair = 0; pair < 4; pair += 2)  // rows pair and pair + 1
            {
                ref float wa = ref Unsafe.Add(ref w, n * pair);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
                for (int i = 0; i < full; i += 8)
                {
                    Vector256<float> xv0 = Load256(ref x0, i), xv1 = Load256(ref x1, i), xv2 = Load256(ref x2, i), xv3 = Load256(ref x3, i);
                    Vector256<float> wv = Load256(ref wa, i);
                    a0 = Fused.MultiplyAdd(wv, xv0, a0); a1 = Fused.MultiplyAdd(wv, xv1, a1); a2 = Fused.MultiplyAdd(wv, xv2, a2); a3 = Fused.MultiplyAdd(wv, xv3, a3);
                    Vector256<float> wu = Load256(ref wa, i + n);
                    b0 = Fused.MultiplyAdd(wu, xv0, b0); b1 = Fused.MultiplyAdd(wu, xv1, b1); b2 = Fused.MultiplyAdd(wu, xv2, b2); b3 = Fused.MultiplyAdd(wu, xv3, b3);
                }
                Vector128<float> rowA = Reductions.HorizontalSums(Reductions.Fold(a0), Reductions.Fold(a1), Reductions.Fold(a2), Reductions.Fold(a3));  // row pair's four samples
                Vector128<float> rowB = Reductions.HorizontalSums(Reductions.Fold(b0), Reductions.Fold(b1), Reductions.Fold(b2), Reductions.Fold(b3));  // row pair + 1's
                for (int q = 0; q < 4; q++)
                {
                    Unsafe.Add(ref sums, 4 * q + pair) = rowA.GetElement(q);
                    Unsafe.Add(ref sums, 4 * q + pair + 1) = rowB.GetElement(q);
                }
            }
            if (full < n) AddBlockTail(ref w, ref x0, ref x1, ref x2, ref x3, ref sums, n, full);
        }
#endif
    }
}
