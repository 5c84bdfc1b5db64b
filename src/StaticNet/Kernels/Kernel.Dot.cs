using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    /// <summary>
    /// The fixed-size vector kernels the layer operations (<see cref="Dense"/>) are made of, one operation per file.
    /// Each is generic over its length (<see cref="IFixedLength"/>), so the JIT compiles it for one size: every trip
    /// count and every offset is computed from that constant, and the tail after the last full vector is straight
    /// code (a narrower vector where it fits, then single floats), not a remainder loop. Each vector width has its
    /// own small method, and the dispatcher keeps the one the machine accelerates (IsHardwareAccelerated folds to a
    /// constant), so only that width's code counts against the caller's inlining budget. Without hardware SIMD, and
    /// in the netstandard2.0 build, a scalar loop runs.
    /// </summary>
    internal static partial class Kernel
    {
        /// <summary>Chunks up to this count are written out; more become a constant-bound loop.</summary>
        internal const int MaxStraightChunks = 8;

        /// <summary>Σ w[i]·x[i] over the n = TLength elements, with four independent accumulators so the FMA units are not kept waiting on one chain.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Dot<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) return Dot512<TLength>(ref w, ref x);
            if (Vector256.IsHardwareAccelerated && n >= 8) return Dot256<TLength>(ref w, ref x);
            if (Vector128.IsHardwareAccelerated && n >= 4) return Dot128<TLength>(ref w, ref x);
#endif
            return DotScalar<TLength>(ref w, ref x);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static float DotScalar<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            float sum = 0f;
            for (int i = 0; i < n; i++) sum += Unsafe.Add(ref w, i) * Unsafe.Add(ref x, i);
            return sum;
        }

        /// <summary>
        /// sum + the products after the first <paramref name="done"/> elements of a vector branch <paramref name="lanes"/> wide:
        /// one 8-wide and one 4-wide vector where they fit, then single floats, added in that order.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static float AddDotTail(float sum, ref float w, ref float x, int n, int done, int lanes)
        {
#if NET8_0_OR_GREATER
            bool has8 = lanes > 8 && n - done >= 8;
            int at4 = has8 ? done + 8 : done;
            bool has4 = lanes > 4 && n - at4 >= 4;
            int at1 = has4 ? at4 + 4 : at4;
            if (has8) sum += Reductions.Sum(Load256(ref w, done) * Load256(ref x, done));
            if (has4) sum += Vector128.Sum(Load128(ref w, at4) * Load128(ref x, at4));
#else
            int at1 = done;
#endif
            if (n > at1) sum += Unsafe.Add(ref w, at1) * Unsafe.Add(ref x, at1);
            if (n > at1 + 1) sum += Unsafe.Add(ref w, at1 + 1) * Unsafe.Add(ref x, at1 + 1);
            if (n > at1 + 2) sum += Unsafe.Add(ref w, at1 + 2) * Unsafe.Add(ref x, at1 + 2);
            return sum;
        }

#if NET8_0_OR_GREATER
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static float Dot512<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 16;
            Vector512<float> s0, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                s0 = Load512(ref w, 0) * Load512(ref x, 0);
                if (chunks > 1) s1 = Load512(ref w, 16) * Load512(ref x, 16);
                if (chunks > 2) s2 = Load512(ref w, 32) * Load512(ref x, 32);
                if (chunks > 3) s3 = Load512(ref w, 48) * Load512(ref x, 48);
                if (chunks > 4) s0 = Fused.MultiplyAdd(Load512(ref w, 64), Load512(ref x, 64), s0);
                if (chunks > 5) s1 = Fused.MultiplyAdd(Load512(ref w, 80), Load512(ref x, 80), s1);
                if (chunks > 6) s2 = Fused.MultiplyAdd(Load512(ref w, 96), Load512(ref x, 96), s2);
                if (chunks > 7) s3 = Fused.MultiplyAdd(Load512(ref w, 112), Load512(ref x, 112), s3);
            }
            else
            {
                s0 = s1 = s2 = s3 = Vector512<float>.Zero;
                int looped = chunks / 4 * 64;
                for (int i = 0; i < looped; i += 64)
                {
                    s0 = Fused.MultiplyAdd(Load512(ref w, i), Load512(ref x, i), s0);
                    s1 = Fused.MultiplyAdd(Load512(ref w, i + 16), Load512(ref x, i + 16), s1);
                    s2 = Fused.MultiplyAdd(Load512(ref w, i + 32), Load512(ref x, i + 32), s2);
                    s3 = Fused.MultiplyAdd(Load512(ref w, i + 48), Load512(ref x, i + 48), s3);
                }
                int rest = chunks % 4;
                if (rest > 0) s0 = Fused.MultiplyAdd(Load512(ref w, looped), Load512(ref x, looped), s0);
                if (rest > 1) s1 = Fused.MultiplyAdd(Load512(ref w, looped + 16), Load512(ref x, looped + 16), s1);
                if (rest > 2) s2 = Fused.MultiplyAdd(Load512(ref w, looped + 32), Load512(ref x, looped + 32), s2);
            }
            Vector512<float> total = chunks == 1 ? s0 : chunks == 2 ? s0 + s1 : chunks == 3 ? (s0 + s1) + s2 : (s0 + s1) + (s2 + s3);
            return AddDotTail(Reductions.Sum(total), ref w, ref x, n, chunks * 16, 16);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static float Dot256<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 8;
            Vector256<float> s0, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                s0 = Load256(ref w, 0) * Load256(ref x, 0);
                if (chunks > 1) s1 = Load256(ref w, 8) * Load256(ref x, 8);
                if (chunks > 2) s2 = Load256(ref w, 16) * Load256(ref x, 16);
                if (chunks > 3) s3 = Load256(ref w, 24) * Load256(ref x, 24);
                if (chunks > 4) s0 = Fused.MultiplyAdd(Load256(ref w, 32), Load256(ref x, 32), s0);
                if (chunks > 5) s1 = Fused.MultiplyAdd(Load256(ref w, 40), Load256(ref x, 40), s1);
                if (chunks > 6) s2 = Fused.MultiplyAdd(Load256(ref w, 48), Load256(ref x, 48), s2);
                if (chunks > 7) s3 = Fused.MultiplyAdd(Load256(ref w, 56), Load256(ref x, 56), s3);
            }
            else
            {
                s0 = s1 = s2 = s3 = Vector256<float>.Zero;
                int looped = chunks / 4 * 32;
                for (int i = 0; i < looped; i += 32)
                {
                    s0 = Fused.MultiplyAdd(Load256(ref w, i), Load256(ref x, i), s0);
                    s1 = Fused.MultiplyAdd(Load256(ref w, i + 8), Load256(ref x, i + 8), s1);
                    s2 = Fused.MultiplyAdd(Load256(ref w, i + 16), Load256(ref x, i + 16), s2);
                    s3 = Fused.MultiplyAdd(Load256(ref w, i + 24), Load256(ref x, i + 24), s3);
                }
                int rest = chunks % 4;
                if (rest > 0) s0 = Fused.MultiplyAdd(Load256(ref w, looped), Load256(ref x, looped), s0);
                if (rest > 1) s1 = Fused.MultiplyAdd(Load256(ref w, looped + 8), Load256(ref x, looped + 8), s1);
                if (rest > 2) s2 = Fused.MultiplyAdd(Load256(ref w, looped + 16), Load256(ref x, looped + 16), s2);
            }
            Vector256<float> total = chunks == 1 ? s0 : chunks == 2 ? s0 + s1 : chunks == 3 ? (s0 + s1) + s2 : (s0 + s1) + (s2 + s3);
            return AddDotTail(Reductions.Sum(total), ref w, ref x, n, chunks * 8, 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static float Dot128<TLength>(ref float w, ref float x) where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value, chunks = n / 4;
            Vector128<float> s0, s1 = default, s2 = default, s3 = default;
            if (chunks <= MaxStraightChunks)
            {
                s0 = Load128(ref w, 0) * Load128(ref x, 0);
                if (chunks > 1) s1 = Load128(ref w, 4) * Load128(ref x, 4);
                if (chunks > 2) s2 = Load128(ref w, 8) * Load128(ref x, 8);
                if (chunks > 3) s3 = Load128(ref w, 12) * Load128(ref x, 12);
                if (chunks > 4) s0 = Fused.MultiplyAdd(Load128(ref w, 16), Load128(ref x, 16), s0);
                if (chunks > 5) s1 = Fused.MultiplyAdd(Load128(ref w, 20), Load128(ref x, 20), s1);
                if (chunks > 6) s2 = Fused.MultiplyAdd(Load128(ref w, 24), Load128(ref x, 24), s2);
                if (chunks > 7) s3 = Fused.MultiplyAdd(Load128(ref w, 28), Load128(ref x, 28), s3);
            }
            else
            {
                s0 = s1 = s2 = s3 = Vector128<float>.Zero;
                int looped = chunks / 4 * 16;
                for (int i = 0; i < looped; i += 16)
                {
                    s0 = Fused.MultiplyAdd(Load128(ref w, i), Load128(ref x, i), s0);
                    s1 = Fused.MultiplyAdd(Load128(ref w, i + 4), Load128(ref x, i + 4), s1);
                    s2 = Fused.MultiplyAdd(Load128(ref w, i + 8), Load128(ref x, i + 8), s2);
                    s3 = Fused.MultiplyAdd(Load128(ref w, i + 12), Load128(ref x, i + 12), s3);
                }
                int rest = chunks % 4;
                if (rest > 0) s0 = Fused.MultiplyAdd(Load128(ref w, looped), Load128(ref x, looped), s0);
                if (rest > 1) s1 = Fused.MultiplyAdd(Load128(ref w, looped + 4), Load128(ref x, looped + 4), s1);
                if (rest > 2) s2 = Fused.MultiplyAdd(Load128(ref w, looped + 8), Load128(ref x, looped + 8), s2);
            }
            Vector128<float> total = chunks == 1 ? s0 : chunks == 2 ? s0 + s1 : chunks == 3 ? (s0 + s1) + s2 : (s0 + s1) + (s2 + s3);
            return AddDotTail(Vector128.Sum(total), ref w, ref x, n, chunks * 4, 4);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector512<float> Load512(ref float source, int at) => Vector512.LoadUnsafe(ref source, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector256<float> Load256(ref float source, int at) => Vector256.LoadUnsafe(ref source, (nuint)at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static Vector128<float> Load128(ref float source, int at) => Vector128.LoadUnsafe(ref source, (nuint)at);
#endif
    }
}
