using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// y[i] += s0·x0[i] + s1·x1[i] + s2·x2[i] + s3·x3[i] over the n = TLength elements (backpropagation through four
        /// weight rows at once): each chunk of y is loaded and stored once for four terms.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void MulAddX4<TLength>(float s0, ref float x0, float s1, ref float x1, float s2, ref float x2, float s3, ref float x3, ref float y)
            where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) { MulAddX4x512<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y); return; }
            if (Vector256.IsHardwareAccelerated && n >= 8) { MulAddX4x256<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y); return; }
            if (Vector128.IsHardwareAccelerated && n >= 4) { MulAddX4x128<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y); return; }
#endif
            MulAddX4Scalar<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y, 0);
        }

        /// <summary>The scalar form, from element <paramref name="from"/> on (also the vector methods' last few elements).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAddX4Scalar<TLength>(float s0, ref float x0, float s1, ref float x1, float s2, ref float x2, float s3, ref float x3, ref float y, int from)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            for (int i = from; i < n; i++)
            {
                Unsafe.Add(ref y, i) += s0 * Unsafe.Add(ref x0, i) + s1 * Unsafe.Add(ref x1, i) + s2 * Unsafe.Add(ref x2, i) + s3 * Unsafe.Add(ref x3, i);
            }
        }
#if NET8_0_OR_GREATER

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAddX4x512<TLength>(float s0, ref float x0, float s1, ref float x1, float s2, ref float x2, float s3, ref float x3, ref float y)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 16;
            Vector512<float> c0 = Vector512.Create(s0), c1 = Vector512.Create(s1), c2 = Vector512.Create(s2), c3 = Vector512.Create(s3);
            if (chunks <= MaxStraightChunks)
            {
                MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 0);
                if (chunks > 1) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 16);
                if (chunks > 2) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 32);
                if (chunks > 3) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 48);
                if (chunks > 4) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 64);
                if (chunks > 5) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 80);
                if (chunks > 6) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 96);
                if (chunks > 7) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 112);
            }
            else
            {
                for (int i = 0; i < chunks * 16; i += 16) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, i);
            }
            int done = chunks * 16;
            bool has8 = 16 > 8 && n - done >= 8;
            int at4 = has8 ? done + 8 : done;
            bool has4 = n - at4 >= 4;
            if (has8) MulAddX4Chunk(Vector256.Create(s0), ref x0, Vector256.Create(s1), ref x1, Vector256.Create(s2), ref x2, Vector256.Create(s3), ref x3, ref y, done);
            if (has4) MulAddX4Chunk(Vector128.Create(s0), ref x0, Vector128.Create(s1), ref x1, Vector128.Create(s2), ref x2, Vector128.Create(s3), ref x3, ref y, at4);
            done = has4 ? at4 + 4 : at4;
            if (n > done) MulAddX4Scalar<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y, done);
        }

        /// <summary>y += c0·x0 + c1·x1 + c2·x2 + c3·x3 for one chunk at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MulAddX4Chunk(Vector512<float> c0, ref float x0, Vector512<float> c1, ref float x1, Vector512<float> c2, ref float x2, Vector512<float> c3, ref float x3, ref float y, int at)
        {
            Vector512<float> sum = Load512(ref y, at);
            sum = Fused.MultiplyAdd(Load512(ref x0, at), c0, sum);
            sum = Fused.MultiplyAdd(Load512(ref x1, at), c1, sum);
            sum = Fused.MultiplyAdd(Load512(ref x2, at), c2, sum);
            sum = Fused.MultiplyAdd(Load512(ref x3, at), c3, sum);
            Store512(sum, ref y, at);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAddX4x256<TLength>(float s0, ref float x0, float s1, ref float x1, float s2, ref float x2, float s3, ref float x3, ref float y)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 8;
            Vector256<float> c0 = Vector256.Create(s0), c1 = Vector256.Create(s1), c2 = Vector256.Create(s2), c3 = Vector256.Create(s3);
            if (chunks <= MaxStraightChunks)
            {
                MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 0);
                if (chunks > 1) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 8);
                if (chunks > 2) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 16);
                if (chunks > 3) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 24);
                if (chunks > 4) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 32);
                if (chunks > 5) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 40);
                if (chunks > 6) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 48);
                if (chunks > 7) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 56);
            }
            else
            {
                for (int i = 0; i < chunks * 8; i += 8) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, i);
            }
            int done = chunks * 8;
            bool has8 = 8 > 8 && n - done >= 8;
            int at4 = has8 ? done + 8 : done;
            bool has4 = n - at4 >= 4;
            if (has8) MulAddX4Chunk(Vector256.Create(s0), ref x0, Vector256.Create(s1), ref x1, Vector256.Create(s2), ref x2, Vector256.Create(s3), ref x3, ref y, done);
            if (has4) MulAddX4Chunk(Vector128.Create(s0), ref x0, Vector128.Create(s1), ref x1, Vector128.Create(s2), ref x2, Vector128.Create(s3), ref x3, ref y, at4);
            done = has4 ? at4 + 4 : at4;
            if (n > done) MulAddX4Scalar<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y, done);
        }

        /// <summary>y += c0·x0 + c1·x1 + c2·x2 + c3·x3 for one chunk at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MulAddX4Chunk(Vector256<float> c0, ref float x0, Vector256<float> c1, ref float x1, Vector256<float> c2, ref float x2, Vector256<float> c3, ref float x3, ref float y, int at)
        {
            Vector256<float> sum = Load256(ref y, at);
            sum = Fused.MultiplyAdd(Load256(ref x0, at), c0, sum);
            sum = Fused.MultiplyAdd(Load256(ref x1, at), c1, sum);
            sum = Fused.MultiplyAdd(Load256(ref x2, at), c2, sum);
            sum = Fused.MultiplyAdd(Load256(ref x3, at), c3, sum);
            Store256(sum, ref y, at);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void MulAddX4x128<TLength>(float s0, ref float x0, float s1, ref float x1, float s2, ref float x2, float s3, ref float x3, ref float y)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 4;
            Vector128<float> c0 = Vector128.Create(s0), c1 = Vector128.Create(s1), c2 = Vector128.Create(s2), c3 = Vector128.Create(s3);
            if (chunks <= MaxStraightChunks)
            {
                MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 0);
                if (chunks > 1) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 4);
                if (chunks > 2) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 8);
                if (chunks > 3) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 12);
                if (chunks > 4) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 16);
                if (chunks > 5) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 20);
                if (chunks > 6) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 24);
                if (chunks > 7) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, 28);
            }
            else
            {
                for (int i = 0; i < chunks * 4; i += 4) MulAddX4Chunk(c0, ref x0, c1, ref x1, c2, ref x2, c3, ref x3, ref y, i);
            }
            int done = chunks * 4;
            if (n > done) MulAddX4Scalar<TLength>(s0, ref x0, s1, ref x1, s2, ref x2, s3, ref x3, ref y, done);
        }

        /// <summary>y += c0·x0 + c1·x1 + c2·x2 + c3·x3 for one chunk at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void MulAddX4Chunk(Vector128<float> c0, ref float x0, Vector128<float> c1, ref float x1, Vector128<float> c2, ref float x2, Vector128<float> c3, ref float x3, ref float y, int at)
        {
            Vector128<float> sum = Load128(ref y, at);
            sum = Fused.MultiplyAdd(Load128(ref x0, at), c0, sum);
            sum = Fused.MultiplyAdd(Load128(ref x1, at), c1, sum);
            sum = Fused.MultiplyAdd(Load128(ref x2, at), c2, sum);
            sum = Fused.MultiplyAdd(Load128(ref x3, at), c3, sum);
            Store128(sum, ref y, at);
        }
#endif
    }
}
