#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// z[j] = b[j] + Σ_i x[i]·Wᵀ[i][j] for one sample and 128 consecutive outputs j0 … j0 + 127, from their panel of
        /// Wᵀ ([n][128], row i: input i's weight into each of the 128): x[i] broadcast times eight vectors of row i into
        /// eight accumulators, so the weights are one linear stream and no sum crosses lanes. Eight chains keep the FMA
        /// units busy through their latency. A row whose input is exactly 0 is not read (<see cref="NonzeroInputs16"/>) unless
        /// its group of 16 has few zeros (<see cref="StraightDown"/>): 0·w adds nothing to a sum for finite w, and what bounds
        /// this kernel is reading the rows.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void BroadcastRows128x512(ref float panel, ref float b, ref float x, ref float z, int n, int j0)
        {
            Vector512<float> a0 = Load512(ref b, j0), a1 = Load512(ref b, j0 + 16), a2 = Load512(ref b, j0 + 32), a3 = Load512(ref b, j0 + 48);
            Vector512<float> a4 = Load512(ref b, j0 + 64), a5 = Load512(ref b, j0 + 80), a6 = Load512(ref b, j0 + 96), a7 = Load512(ref b, j0 + 112);
            int i0 = 0;
            for (; i0 + 16 <= n; i0 += 16)
            {
                uint nonzero = NonzeroInputs16(ref x, i0);
                if (BitOperations.PopCount(nonzero) >= StraightDown)
                {
                    for (int i = i0; i < i0 + 16; i++) AddRow128(ref panel, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                    continue;
                }
                for (; nonzero != 0; nonzero &= nonzero - 1)
                {
                    int i = i0 + BitOperations.TrailingZeroCount(nonzero);
                    AddRow128(ref panel, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                }
            }
            for (int i = i0; i < n; i++)
            {
                if (Unsafe.Add(ref x, i) != 0) AddRow128(ref panel, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }
            Store512(a0, ref z, j0); Store512(a1, ref z, j0 + 16); Store512(a2, ref z, j0 + 32); Store512(a3, ref z, j0 + 48);
            Store512(a4, ref z, j0 + 64); Store512(a5, ref z, j0 + 80); Store512(a6, ref z, j0 + 96); Store512(a7, ref z, j0 + 112);
        }

        /// <summary>
        /// Groups of 16 inputs with at least this many not 0 go straight down all sixteen rows, the zero's row too (it adds 0
        /// to every sum): a row taken by the mask's bits costs about a tenth more than one taken straight, more than the one
        /// row skipped saves (docs/performance.md, twelfth round).
        /// </summary>
        internal const int StraightDown = 15;

        /// <summary>a += xi·(row i of a panel of 128), eight vectors of it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRow128(ref float panel, int i, float xi, ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3,
            ref Vector512<float> a4, ref Vector512<float> a5, ref Vector512<float> a6, ref Vector512<float> a7)
        {
            Vector512<float> v = Vector512.Create(xi);
            ref float row = ref Unsafe.Add(ref panel, (nint)i * 128);  // the constant offsets below fold into the loads
            a0 = Fused.MultiplyAdd(Load512(ref row, 0), v, a0);
            a1 = Fused.MultiplyAdd(Load512(ref row, 16), v, a1);
            a2 = Fused.MultiplyAdd(Load512(ref row, 32), v, a2);
            a3 = Fused.MultiplyAdd(Load512(ref row, 48), v, a3);
            a4 = Fused.MultiplyAdd(Load512(ref row, 64), v, a4);
            a5 = Fused.MultiplyAdd(Load512(ref row, 80), v, a5);
            a6 = Fused.MultiplyAdd(Load512(ref row, 96), v, a6);
            a7 = Fused.MultiplyAdd(Load512(ref row, 112), v, a7);
        }

        /// <summary>
        /// Bit k set where x[i0 + k] is not exactly 0 (±0 clear; NaN set), k &lt; 16. The rows the one-sample kernels read go by
        /// these bits one at a time, lowest first, so a branch per row is not taken on inputs that are mostly zeros, such as
        /// an image's background or one-hot features (a branch per row mispredicts at every change from zeros to values).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static uint NonzeroInputs16(ref float x, int i0)
        {
            if (Vector512.IsHardwareAccelerated) return (uint)Vector512.Equals(Load512(ref x, i0), Vector512<float>.Zero).ExtractMostSignificantBits() ^ 0xFFFF;
            uint zeros = Vector256.Equals(Load256(ref x, i0), Vector256<float>.Zero).ExtractMostSignificantBits()
                | Vector256.Equals(Load256(ref x, i0 + 8), Vector256<float>.Zero).ExtractMostSignificantBits() << 8;
            return zeros ^ 0xFFFF;
        }

        /// <summary>
        /// <see cref="BroadcastRows128x512"/> with 256-bit vectors: 64 outputs j0 … j0 + 63 in eight accumulators, from the
        /// four [n][16] panels that hold them (<paramref name="panels"/> is the first; the next starts 16·n further). Rows
        /// whose input is exactly 0 are not read, as there.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void BroadcastRows64x256(ref float panels, ref float b, ref float x, ref float z, int n, int j0)
        {
            Vector256<float> a0 = Load256(ref b, j0), a1 = Load256(ref b, j0 + 8), a2 = Load256(ref b, j0 + 16), a3 = Load256(ref b, j0 + 24);
            Vector256<float> a4 = Load256(ref b, j0 + 32), a5 = Load256(ref b, j0 + 40), a6 = Load256(ref b, j0 + 48), a7 = Load256(ref b, j0 + 56);
            ref float p0 = ref panels;
            ref float p1 = ref Unsafe.Add(ref panels, 16 * n);
            ref float p2 = ref Unsafe.Add(ref panels, 32 * n);
            ref float p3 = ref Unsafe.Add(ref panels, 48 * n);
            int i0 = 0;
            for (; i0 + 16 <= n; i0 += 16)
            {
                uint nonzero = NonzeroInputs16(ref x, i0);
                if (BitOperations.PopCount(nonzero) >= StraightDown)
                {
                    for (int i = i0; i < i0 + 16; i++) AddRow64(ref p0, ref p1, ref p2, ref p3, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                    continue;
                }
                for (; nonzero != 0; nonzero &= nonzero - 1)
                {
                    int i = i0 + BitOperations.TrailingZeroCount(nonzero);
                    AddRow64(ref p0, ref p1, ref p2, ref p3, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
                }
            }
            for (int i = i0; i < n; i++)
            {
                if (Unsafe.Add(ref x, i) != 0) AddRow64(ref p0, ref p1, ref p2, ref p3, i, Unsafe.Add(ref x, i), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            }
            Store256(a0, ref z, j0); Store256(a1, ref z, j0 + 8); Store256(a2, ref z, j0 + 16); Store256(a3, ref z, j0 + 24);
            Store256(a4, ref z, j0 + 32); Store256(a5, ref z, j0 + 40); Store256(a6, ref z, j0 + 48); Store256(a7, ref z, j0 + 56);
        }

        /// <summary>a += xi·(row i of the four panels of 16 outputs that start at p0 … p3), two vectors of each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRow64(ref float p0, ref float p1, ref float p2, ref float p3, int i, float xi, ref Vector256<float> a0, ref Vector256<float> a1,
            ref Vector256<float> a2, ref Vector256<float> a3, ref Vector256<float> a4, ref Vector256<float> a5, ref Vector256<float> a6, ref Vector256<float> a7)
        {
            Vector256<float> v = Vector256.Create(xi);
            int row = i * 16;  // row i of each panel
            a0 = Fused.MultiplyAdd(Load256(ref p0, row), v, a0);
            a1 = Fused.MultiplyAdd(Load256(ref p0, row + 8), v, a1);
            a2 = Fused.MultiplyAdd(Load256(ref p1, row), v, a2);
            a3 = Fused.MultiplyAdd(Load256(ref p1, row + 8), v, a3);
            a4 = Fused.MultiplyAdd(Load256(ref p2, row), v, a4);
            a5 = Fused.MultiplyAdd(Load256(ref p2, row + 8), v, a5);
            a6 = Fused.MultiplyAdd(Load256(ref p3, row), v, a6);
            a7 = Fused.MultiplyAdd(Load256(ref p3, row + 8), v, a7);
        }
    }
}
#endif
