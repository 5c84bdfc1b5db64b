#if NET8_0_OR_GREATER
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
        /// units busy through their latency.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void BroadcastRows128x512(ref float panel, ref float b, ref float x, ref float z, int n, int j0)
        {
            Vector512<float> a0 = Load512(ref b, j0), a1 = Load512(ref b, j0 + 16), a2 = Load512(ref b, j0 + 32), a3 = Load512(ref b, j0 + 48);
            Vector512<float> a4 = Load512(ref b, j0 + 64), a5 = Load512(ref b, j0 + 80), a6 = Load512(ref b, j0 + 96), a7 = Load512(ref b, j0 + 112);
            for (int i = 0; i < n; i++)
            {
                Vector512<float> xi = Vector512.Create(Unsafe.Add(ref x, i));
                ref float row = ref Unsafe.Add(ref panel, (nint)i * 128);  // the constant offsets below fold into the loads
                a0 = Fused.MultiplyAdd(Load512(ref row, 0), xi, a0);
                a1 = Fused.MultiplyAdd(Load512(ref row, 16), xi, a1);
                a2 = Fused.MultiplyAdd(Load512(ref row, 32), xi, a2);
                a3 = Fused.MultiplyAdd(Load512(ref row, 48), xi, a3);
                a4 = Fused.MultiplyAdd(Load512(ref row, 64), xi, a4);
                a5 = Fused.MultiplyAdd(Load512(ref row, 80), xi, a5);
                a6 = Fused.MultiplyAdd(Load512(ref row, 96), xi, a6);
                a7 = Fused.MultiplyAdd(Load512(ref row, 112), xi, a7);
            }
            Store512(a0, ref z, j0); Store512(a1, ref z, j0 + 16); Store512(a2, ref z, j0 + 32); Store512(a3, ref z, j0 + 48);
            Store512(a4, ref z, j0 + 64); Store512(a5, ref z, j0 + 80); Store512(a6, ref z, j0 + 96); Store512(a7, ref z, j0 + 112);
        }

        /// <summary>
        /// <see cref="BroadcastRows128x512"/> with 256-bit vectors: 64 outputs j0 … j0 + 63 in eight accumulators, from the
        /// four [n][16] panels that hold them (<paramref name="panels"/> is the first; the next starts 16·n further).
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
            for (int i = 0; i < n; i++)
            {
                Vector256<float> xi = Vector256.Create(Unsafe.Add(ref x, i));
                int row = i * 16;  // row i of each panel
                a0 = Fused.MultiplyAdd(Load256(ref p0, row), xi, a0);
                a1 = Fused.MultiplyAdd(Load256(ref p0, row + 8), xi, a1);
                a2 = Fused.MultiplyAdd(Load256(ref p1, row), xi, a2);
                a3 = Fused.MultiplyAdd(Load256(ref p1, row + 8), xi, a3);
                a4 = Fused.MultiplyAdd(Load256(ref p2, row), xi, a4);
                a5 = Fused.MultiplyAdd(Load256(ref p2, row + 8), xi, a5);
                a6 = Fused.MultiplyAdd(Load256(ref p3, row), xi, a6);
                a7 = Fused.MultiplyAdd(Load256(ref p3, row + 8), xi, a7);
            }
            Store256(a0, ref z, j0); Store256(a1, ref z, j0 + 8); Store256(a2, ref z, j0 + 16); Store256(a3, ref z, j0 + 24);
            Store256(a4, ref z, j0 + 32); Store256(a5, ref z, j0 + 40); Store256(a6, ref z, j0 + 48); Store256(a7, ref z, j0 + 56);
        }
    }
}
#endif
