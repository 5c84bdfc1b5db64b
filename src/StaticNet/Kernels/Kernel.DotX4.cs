using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>r_q = Σ w[i]·x_q[i] for four vectors x0…x3 of n = TLength elements (one weight row, four samples): w is read once for all four.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void DotX4<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, out float r0, out float r1, out float r2, out float r3)
            where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) { DotX4x512<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, out r0, out r1, out r2, out r3); return; }
            if (Vector256.IsHardwareAccelerated && n >= 8) { DotX4x256<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, out r0, out r1, out r2, out r3); return; }
            if (Vector128.IsHardwareAccelerated && n >= 4) { DotX4x128<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, out r0, out r1, out r2, out r3); return; }
#endif
            DotX4Scalar<TLength>(ref w, ref x0, ref x1, ref x2, ref x3, out r0, out r1, out r2, out r3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotX4Scalar<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, out float r0, out float r1, out float r2, out float r3)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int i = 0; i < n; i++)
            {
                float wi = Unsafe.Add(ref w, i);
                s0 += wi * Unsafe.Add(ref x0, i);
                s1 += wi * Unsafe.Add(ref x1, i);
                s2 += wi * Unsafe.Add(ref x2, i);
                s3 += wi * Unsafe.Add(ref x3, i);
            }
            r0 = s0; r1 = s1; r2 = s2; r3 = s3;
        }
#if NET8_0_OR_GREATER

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotX4x512<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, out float r0, out float r1, out float r2, out float r3)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 16;
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 0, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 1) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 16, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 2) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 32, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 3) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 48, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 4) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 64, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 5) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 80, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 6) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 96, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 7) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 112, ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                for (int i = 0; i < chunks * 16; i += 16) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, i, ref s0, ref s1, ref s2, ref s3);
            }
            Vector128<float> sums = Reductions.HorizontalSums(Reductions.Fold(s0), Reductions.Fold(s1), Reductions.Fold(s2), Reductions.Fold(s3));
            int done = chunks * 16;
            r0 = AddDotTail(sums.GetElement(0), ref w, ref x0, n, done, 16);
            r1 = AddDotTail(sums.GetElement(1), ref w, ref x1, n, done, 16);
            r2 = AddDotTail(sums.GetElement(2), ref w, ref x2, n, done, 16);
            r3 = AddDotTail(sums.GetElement(3), ref w, ref x3, n, done, 16);
        }

        /// <summary>One chunk of w at <paramref name="at"/> against the four vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void X4Chunk(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, int at, ref Vector512<float> s0, ref Vector512<float> s1, ref Vector512<float> s2, ref Vector512<float> s3)
        {
            Vector512<float> wv = Load512(ref w, at);
            s0 = Fused.MultiplyAdd(wv, Load512(ref x0, at), s0);
            s1 = Fused.MultiplyAdd(wv, Load512(ref x1, at), s1);
            s2 = Fused.MultiplyAdd(wv, Load512(ref x2, at), s2);
            s3 = Fused.MultiplyAdd(wv, Load512(ref x3, at), s3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotX4x256<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, out float r0, out float r1, out float r2, out float r3)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 8;
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 0, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 1) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 8, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 2) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 16, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 3) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 24, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 4) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 32, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 5) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 40, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 6) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 48, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 7) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 56, ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                for (int i = 0; i < chunks * 8; i += 8) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, i, ref s0, ref s1, ref s2, ref s3);
            }
            Vector128<float> sums = Reductions.HorizontalSums(Reductions.Fold(s0), Reductions.Fold(s1), Reductions.Fold(s2), Reductions.Fold(s3));
            int done = chunks * 8;
            r0 = AddDotTail(sums.GetElement(0), ref w, ref x0, n, done, 8);
            r1 = AddDotTail(sums.GetElement(1), ref w, ref x1, n, done, 8);
            r2 = AddDotTail(sums.GetElement(2), ref w, ref x2, n, done, 8);
            r3 = AddDotTail(sums.GetElement(3), ref w, ref x3, n, done, 8);
        }

        /// <summary>One chunk of w at <paramref name="at"/> against the four vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void X4Chunk(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, int at, ref Vector256<float> s0, ref Vector256<float> s1, ref Vector256<float> s2, ref Vector256<float> s3)
        {
            Vector256<float> wv = Load256(ref w, at);
            s0 = Fused.MultiplyAdd(wv, Load256(ref x0, at), s0);
            s1 = Fused.MultiplyAdd(wv, Load256(ref x1, at), s1);
            s2 = Fused.MultiplyAdd(wv, Load256(ref x2, at), s2);
            s3 = Fused.MultiplyAdd(wv, Load256(ref x3, at), s3);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void DotX4x128<TLength>(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, out float r0, out float r1, out float r2, out float r3)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 4;
            Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 0, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 1) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 4, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 2) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 8, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 3) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 12, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 4) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 16, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 5) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 20, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 6) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 24, ref s0, ref s1, ref s2, ref s3);
                if (chunks > 7) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, 28, ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                for (int i = 0; i < chunks * 4; i += 4) X4Chunk(ref w, ref x0, ref x1, ref x2, ref x3, i, ref s0, ref s1, ref s2, ref s3);
            }
            Vector128<float> sums = Reductions.HorizontalSums(s0, s1, s2, s3);
            int done = chunks * 4;
            r0 = AddDotTail(sums.GetElement(0), ref w, ref x0, n, done, 4);
            r1 = AddDotTail(sums.GetElement(1), ref w, ref x1, n, done, 4);
            r2 = AddDotTail(sums.GetElement(2), ref w, ref x2, n, done, 4);
            r3 = AddDotTail(sums.GetElement(3), ref w, ref x3, n, done, 4);
        }

        /// <summary>One chunk of w at <paramref name="at"/> against the four vectors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void X4Chunk(ref float w, ref float x0, ref float x1, ref float x2, ref float x3, int at, ref Vector128<float> s0, ref Vector128<float> s1, ref Vector128<float> s2, ref Vector128<float> s3)
        {
            Vector128<float> wv = Load128(ref w, at);
            s0 = Fused.MultiplyAdd(wv, Load128(ref x0, at), s0);
            s1 = Fused.MultiplyAdd(wv, Load128(ref x1, at), s1);
            s2 = Fused.MultiplyAdd(wv, Load128(ref x2, at), s2);
            s3 = Fused.MultiplyAdd(wv, Load128(ref x3, at), s3);
        }
#endif
    }
}
