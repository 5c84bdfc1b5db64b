#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Kernels
{
    /// <summary>
    /// Horizontal sums for the kernels. Wide vectors are first folded to 128 bits (upper half added onto the lower),
    /// because Vector512/256.Sum add up each 128-bit quarter on its own (27 instructions for 512 bits against 8).
    /// </summary>
    internal static class Reductions
    {
        /// <summary>16 lanes folded to 4 with the same total: the upper half added onto the lower, twice.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Fold(Vector512<float> v)
        {
            Vector256<float> h = Vector512.GetLower(v) + Vector512.GetUpper(v);
            return Vector256.GetLower(h) + Vector256.GetUpper(h);
        }

        /// <summary>8 lanes folded to 4 with the same total.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Fold(Vector256<float> v) => Vector256.GetLower(v) + Vector256.GetUpper(v);

        /// <summary>Σ of the lanes, folded to 128 bits first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector512<float> v) => Vector128.Sum(Fold(v));

        /// <summary>Σ of the lanes, folded to 128 bits first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sum(Vector256<float> v) => Vector128.Sum(Fold(v));

        /// <summary>(Σ v0, Σ v1, Σ v2, Σ v3): two rounds of pairwise adds (haddps / faddp) instead of four separate horizontal sums.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> HorizontalSums(Vector128<float> v0, Vector128<float> v1, Vector128<float> v2, Vector128<float> v3)
        {
            if (Sse3.IsSupported) return Sse3.HorizontalAdd(Sse3.HorizontalAdd(v0, v1), Sse3.HorizontalAdd(v2, v3));
            if (AdvSimd.Arm64.IsSupported) return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(v0, v1), AdvSimd.Arm64.AddPairwise(v2, v3));
            return Vector128.Create(Vector128.Sum(v0), Vector128.Sum(v1), Vector128.Sum(v2), Vector128.Sum(v3));
        }

        /// <summary>
        /// The sixteen sums of a 4 × 4 block's accumulators s_rq (row r, sample q) in one vector, lane 4·q + r holding
        /// Σ s_rq, by three rounds of pairwise adds across and within 128-bit lanes (vshuff32x4, vshufps): 45
        /// instructions where folding each accumulator and adding rows across took about 76 and left the sums in row
        /// order, to be scattered one at a time. The additions are those of Fold then HorizontalSums, in the same
        /// order, so the sums are the same bits.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> BlockSums(
            Vector512<float> s00, Vector512<float> s01, Vector512<float> s02, Vector512<float> s03,
            Vector512<float> s10, Vector512<float> s11, Vector512<float> s12, Vector512<float> s13,
            Vector512<float> s20, Vector512<float> s21, Vector512<float> s22, Vector512<float> s23,
            Vector512<float> s30, Vector512<float> s31, Vector512<float> s32, Vector512<float> s33)
        {
            if (Avx512F.IsSupported)
            {
                // Per row r: its four samples' accumulators → one vector whose 128-bit lane q holds s_rq folded to four partial sums
                Vector512<float> r0 = FoldLanes(FoldHalves(s00, s01), FoldHalves(s02, s03));
                Vector512<float> r1 = FoldLanes(FoldHalves(s10, s11), FoldHalves(s12, s13));
                Vector512<float> r2 = FoldLanes(FoldHalves(s20, s21), FoldHalves(s22, s23));
                Vector512<float> r3 = FoldLanes(FoldHalves(s30, s31), FoldHalves(s32, s33));
                // Then within each 128-bit lane q: (p0 + p1) + (p2 + p3) of rows 0 … 3, side by side
                return AddPairs(AddPairs(r0, r1), AddPairs(r2, r3));
            }
            return Vector512.Create(
                Sum(s00), Sum(s10), Sum(s20), Sum(s30), Sum(s01), Sum(s11), Sum(s21), Sum(s31),
                Sum(s02), Sum(s12), Sum(s22), Sum(s32), Sum(s03), Sum(s13), Sum(s23), Sum(s33));
        }

        /// <summary>128-bit lanes (a0 + a2, a1 + a3, b0 + b2, b1 + b3): the upper half of each vector added onto its lower half, two vectors at once.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> FoldHalves(Vector512<float> a, Vector512<float> b)
            => Avx512F.Shuffle4x128(a, b, 0b01_00_01_00) + Avx512F.Shuffle4x128(a, b, 0b11_10_11_10);

        /// <summary>128-bit lanes (a0 + a1, a2 + a3, b0 + b1, b2 + b3): each of four vectors' halves folded once more, into one lane each.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> FoldLanes(Vector512<float> a, Vector512<float> b)
            => Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);

        /// <summary>Within each 128-bit lane: (a0 + a1, a2 + a3, b0 + b1, b2 + b3), as haddps does for 128 bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> AddPairs(Vector512<float> a, Vector512<float> b)
            => Avx512F.Shuffle(a, b, 0b10_00_10_00) + Avx512F.Shuffle(a, b, 0b11_01_11_01);
    }
}
#endif
