using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// r_k = Σ w_k[i]·x[i] for four consecutive rows w_0…w_3 of n = TLength elements (one sample's forward pass):
        /// each chunk of x is loaded once for four rows, and two chunks are in flight per row, so eight accumulators
        /// hide the FMA latency and the loads per FMA drop from two (Dot) to about one and a quarter. Only 512- and
        /// 256-bit methods: SSE-only machines run Dot four times.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void DotRows4<TLength>(ref float w, ref float x, out float r0, out float r1, out float r2, out float r3) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated && n >= 16) { DotRows4x512<TLength>(ref w, ref x, out r0, out r1, out r2, out r3); return; }
            if (Vector256.IsHardwareAccelerated && n >= 8) { DotRows4x256<TLength>(ref w, ref x, out r0, out r1, out r2, out r3); return; }
#endif
            r0 = Dot<TLength>(ref w, ref x);
            r1 = Dot<TLength>(ref Unsafe.Add(ref w, n), ref x);
            r2 = Dot<TLength>(ref Unsafe.Add(ref w, 2 * n), ref x);
            r3 = Dot<TLength>(ref Unsafe.Add(ref w, 3 * n), ref x);
        }
#if NET8_0_OR_GREATER

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotRows4x512<TLength>(ref float w, ref float x, out float r0, out float r1, out float r2, out float r3) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 16;
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            if (chunks <= MaxStraightChunks)
            {
                Rows4Chunk(ref w, ref x, n, 0, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 1) Rows4Chunk(ref w, ref x, n, 16, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 2) Rows4Chunk(ref w, ref x, n, 32, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 3) Rows4Chunk(ref w, ref x, n, 48, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 4) Rows4Chunk(ref w, ref x, n, 64, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 5) Rows4Chunk(ref w, ref x, n, 80, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 6) Rows4Chunk(ref w, ref x, n, 96, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 7) Rows4Chunk(ref w, ref x, n, 112, ref b0, ref b1, ref b2, ref b3);
            }
            else
            {
                int looped = chunks / 2 * 2 * 16;
                for (int i = 0; i < looped; i += 32)
                {
                    Rows4Chunk(ref w, ref x, n, i, ref a0, ref a1, ref a2, ref a3);
                    Rows4Chunk(ref w, ref x, n, i + 16, ref b0, ref b1, ref b2, ref b3);
                }
                if (chunks % 2 != 0) Rows4Chunk(ref w, ref x, n, looped, ref a0, ref a1, ref a2, ref a3);
            }
            Vector128<float> sums = chunks >= 2
                ? Reductions.HorizontalSums(Reductions.Fold(a0 + b0), Reductions.Fold(a1 + b1), Reductions.Fold(a2 + b2), Reductions.Fold(a3 + b3))
                : Reductions.HorizontalSums(Reductions.Fold(a0), Reductions.Fold(a1), Reductions.Fold(a2), Reductions.Fold(a3));
            int done = chunks * 16;
            r0 = AddDotTail(sums.GetElement(0), ref w, ref x, n, done, 16);
            r1 = AddDotTail(sums.GetElement(1), ref Unsafe.Add(ref w, n), ref x, n, done, 16);
            r2 = AddDotTail(sums.GetElement(2), ref Unsafe.Add(ref w, 2 * n), ref x, n, done, 16);
            r3 = AddDotTail(sums.GetElement(3), ref Unsafe.Add(ref w, 3 * n), ref x, n, done, 16);
        }

        /// <summary>One chunk of x at <paramref name="at"/> into the four rows' accumulators.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Rows4Chunk(ref float w, ref float x, int n, int at, ref Vector512<float> s0, ref Vector512<float> s1, ref Vector512<float> s2, ref Vector512<float> s3)
        {
            Vector512<float> xv = Load512(ref x, at);
            s0 = Fused.MultiplyAdd(Load512(ref w, at), xv, s0);
            s1 = Fused.MultiplyAdd(Load512(ref w, n + at), xv, s1);
            s2 = Fused.MultiplyAdd(Load512(ref w, 2 * n + at), xv, s2);
            s3 = Fused.MultiplyAdd(Load512(ref w, 3 * n + at), xv, s3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotRows4x256<TLength>(ref float w, ref float x, out float r0, out float r1, out float r2, out float r3) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 8;
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
            if (chunks <= MaxStraightChunks)
            {
                Rows4Chunk(ref w, ref x, n, 0, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 1) Rows4Chunk(ref w, ref x, n, 8, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 2) Rows4Chunk(ref w, ref x, n, 16, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 3) Rows4Chunk(ref w, ref x, n, 24, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 4) Rows4Chunk(ref w, ref x, n, 32, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 5) Rows4Chunk(ref w, ref x, n, 40, ref b0, ref b1, ref b2, ref b3);
                if (chunks > 6) Rows4Chunk(ref w, ref x, n, 48, ref a0, ref a1, ref a2, ref a3);
                if (chunks > 7) Rows4Chunk(ref w, ref x, n, 56, ref b0, ref b1, ref b2, ref b3);
            }
            else
            {
                int looped = chunks / 2 * 2 * 8;
                for (int i = 0; i < looped; i += 16)
                {
                    Rows4Chunk(ref w, ref x, n, i, ref a0, ref a1, ref a2, ref a3);
                    Rows4Chunk(ref w, ref x, n, i + 8, ref b0, ref b1, ref b2, ref b3);
                }
                if (chunks % 2 != 0) Rows4Chunk(ref w, ref x, n, looped, ref a0, ref a1, ref a2, ref a3);
            }
            Vector128<float> sums = chunks >= 2
                ? Reductions.HorizontalSums(Reductions.Fold(a0 + b0), Reductions.Fold(a1 + b1), Reductions.Fold(a2 + b2), Reductions.Fold(a3 + b3))
                : Reductions.HorizontalSums(Reductions.Fold(a0), Reductions.Fold(a1), Reductions.Fold(a2), Reductions.Fold(a3));
            int done = chunks * 8;
            r0 = AddDotTail(sums.GetElement(0), ref w, ref x, n, done, 8);
            r1 = AddDotTail(sums.GetElement(1), ref Unsafe.Add(ref w, n), ref x, n, done, 8);
            r2 = AddDotTail(sums.GetElement(2), ref Unsafe.Add(ref w, 2 * n), ref x, n, done, 8);
            r3 = AddDotTail(sums.GetElement(3), ref Unsafe.Add(ref w, 3 * n), ref x, n, done, 8);
        }

        /// <summary>One chunk of x at <paramref name="at"/> into the four rows' accumulators.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Rows4Chunk(ref float w, ref float x, int n, int at, ref Vector256<float> s0, ref Vector256<float> s1, ref Vector256<float> s2, ref Vector256<float> s3)
        {
            Vector256<float> xv = Load256(ref x, at);
            s0 = Fused.MultiplyAdd(Load256(ref w, at), xv, s0);
            s1 = Fused.MultiplyAdd(Load256(ref w, n + at), xv, s1);
            s2 = Fused.MultiplyAdd(Load256(ref w, 2 * n + at), xv, s2);
            s3 = Fused.MultiplyAdd(Load256(ref w, 3 * n + at), xv, s3);
        }
#endif
    }
}
