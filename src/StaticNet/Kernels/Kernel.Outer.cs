using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    internal static partial class Kernel
    {
        /// <summary>
        /// The weight gradients of a batch for four consecutive rows y_0…y_3 of n = TLength elements:
        /// y_r[i] = (clear ? 0 : y_r[i]) + Σ_s d[dStride·s + r]·x[xStride·s + i], the sum of the samples' outer products δ·xᵀ.
        /// A tile of the rows (four rows × four 512-bit vectors, sixteen accumulators) stays in registers while every
        /// sample streams past, so each gradient element is written once per batch, and nothing has to be cleared
        /// first. Each element adds the samples in order, so its sum is the same whichever thread computes which rows.
        /// With a <paramref name="rate"/> η ≠ 0 (and clear), y holds weight rows instead and takes plain SGD's step
        /// y_r[i] ← y_r[i] − η·Σ_s …; the result says whether every such sum was finite (Σ (Σ − Σ) is 0, or NaN after a
        /// NaN or ±∞ sum).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool OuterRows4<TLength>(ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
            => Outer<TLength>(4, ref d, dStride, ref x, xStride, count, ref y, clear, rate);

        /// <summary><see cref="OuterRows4"/> for one row y.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Outer<TLength>(ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
            => Outer<TLength>(1, ref d, dStride, ref x, xStride, count, ref y, clear, rate);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Outer<TLength>(int rows, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
#if NET8_0_OR_GREATER
            int n = default(TLength).Value;
            if (Vector512.IsHardwareAccelerated && n >= 16) return Outer512<TLength>(rows, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            if (Vector256.IsHardwareAccelerated && n >= 8) return Outer256<TLength>(rows, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            if (Vector128.IsHardwareAccelerated && n >= 4) return Outer128<TLength>(rows, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
#endif
            return OuterScalar<TLength>(rows, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
        }

        /// <summary>Without SIMD: one column at a time, every sample streaming past it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool OuterScalar<TLength>(int rows, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            float check = 0f;
            for (int i = 0; i < n; i++) check += OuterTileScalar<TLength>(rows, 1, i, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            return check == 0f;
        }

        /// <summary>One tile of single floats: <paramref name="rows"/> (1 or 4) × <paramref name="columns"/> (1 to 3) sums from column <paramref name="at"/> on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float OuterTileScalar<TLength>(int rows, int columns, int at, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            float check = 0f;
            for (int r = 0; r < rows; r++)
            {
                ref float yr = ref Unsafe.Add(ref y, r * n + at);
                float a0 = clear ? 0f : yr, a1 = clear || columns < 2 ? 0f : Unsafe.Add(ref yr, 1), a2 = clear || columns < 3 ? 0f : Unsafe.Add(ref yr, 2);
                for (int s = 0; s < count; s++)  // the samples in order
                {
                    ref float xs = ref Unsafe.Add(ref x, xStride * s + at);
                    float c = Unsafe.Add(ref d, dStride * s + r);
                    a0 += xs * c;
                    if (columns > 1) a1 += Unsafe.Add(ref xs, 1) * c;
                    if (columns > 2) a2 += Unsafe.Add(ref xs, 2) * c;
                }
                if (rate == 0f)
                {
                    yr = a0;
                    if (columns > 1) Unsafe.Add(ref yr, 1) = a1;
                    if (columns > 2) Unsafe.Add(ref yr, 2) = a2;
                    continue;
                }
                yr -= rate * a0;
                check += a0 - a0;
                if (columns > 1) { Unsafe.Add(ref yr, 1) -= rate * a1; check += a1 - a1; }
                if (columns > 2) { Unsafe.Add(ref yr, 2) -= rate * a2; check += a2 - a2; }
            }
            return check;
        }
#if NET8_0_OR_GREATER

        /// <summary>Outer with 512-bit vectors: whole tiles of <paramref name="rows"/> × {(rows == 4 ? 4 : 4)} vectors, then the columns after them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool Outer512<TLength>(int rows, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            // Sixteen accumulators where there are 32 registers (AVX-512), eight where there are 16.
            int vectors = 4, chunk = vectors * 16, full = n / chunk * chunk;
            Vector512<float> check = default;
            for (int i = 0; i < full; i += chunk) check += OuterTile512<TLength>(rows, vectors, i, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            int rest = (n - full) / 16, at = full + rest * 16;
            if (rest > 0) check += OuterTile512<TLength>(rows, rest, full, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            float checkTail = 0f;
            bool has8 = n - at >= 8;
            int at4 = has8 ? at + 8 : at;
            if (has8) checkTail += Reductions.Sum(OuterTile256<TLength>(rows, 1, at, ref d, dStride, ref x, xStride, count, ref y, clear, rate));
            bool has4 = n - at4 >= 4;
            int at1 = has4 ? at4 + 4 : at4;
            if (has4) checkTail += Vector128.Sum(OuterTile128<TLength>(rows, 1, at4, ref d, dStride, ref x, xStride, count, ref y, clear, rate));
            if (at1 < n) checkTail += OuterTileScalar<TLength>(rows, n - at1, at1, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            return Reductions.Sum(check) + checkTail == 0f;
        }

        /// <summary>Outer with 256-bit vectors: whole tiles of <paramref name="rows"/> × {(rows == 4 ? 2 : 4)} vectors, then the columns after them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool Outer256<TLength>(int rows, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            // Sixteen accumulators where there are 32 registers (AVX-512), eight where there are 16.
            int vectors = rows == 1 ? 4 : 2, chunk = vectors * 8, full = n / chunk * chunk;
            Vector256<float> check = default;
            for (int i = 0; i < full; i += chunk) check += OuterTile256<TLength>(rows, vectors, i, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            int rest = (n - full) / 8, at = full + rest * 8;
            if (rest > 0) check += OuterTile256<TLength>(rows, rest, full, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            float checkTail = 0f;
            int at4 = at;
            bool has4 = n - at4 >= 4;
            int at1 = has4 ? at4 + 4 : at4;
            if (has4) checkTail += Vector128.Sum(OuterTile128<TLength>(rows, 1, at4, ref d, dStride, ref x, xStride, count, ref y, clear, rate));
            if (at1 < n) checkTail += OuterTileScalar<TLength>(rows, n - at1, at1, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            return Reductions.Sum(check) + checkTail == 0f;
        }

        /// <summary>Outer with 128-bit vectors: whole tiles of <paramref name="rows"/> × {(rows == 4 ? 2 : 4)} vectors, then the columns after them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool Outer128<TLength>(int rows, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            // Sixteen accumulators where there are 32 registers (AVX-512), eight where there are 16.
            int vectors = rows == 1 ? 4 : 2, chunk = vectors * 4, full = n / chunk * chunk;
            Vector128<float> check = default;
            for (int i = 0; i < full; i += chunk) check += OuterTile128<TLength>(rows, vectors, i, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            int rest = (n - full) / 4, at = full + rest * 4;
            if (rest > 0) check += OuterTile128<TLength>(rows, rest, full, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            float checkTail = 0f;
            int at4 = at;
            int at1 = at4;
            if (at1 < n) checkTail += OuterTileScalar<TLength>(rows, n - at1, at1, ref d, dStride, ref x, xStride, count, ref y, clear, rate);
            return Vector128.Sum(check) + checkTail == 0f;
        }

        /// <summary>
        /// One tile of Outer: <paramref name="rows"/> (1 or 4) × <paramref name="vectors"/> (1 to 4) 512-bit sums from column
        /// <paramref name="at"/> on, held in registers while every sample streams past, then stored (or stepped); returns
        /// Σ (a − a) of the stepped sums (0 when all are finite, NaN otherwise; 0 when nothing was stepped).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> OuterTile512<TLength>(int rows, int vectors, int at, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
            Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
            if (!clear)
            {
                a00 = Load512(ref y, at);
                if (vectors > 1) a01 = Load512(ref y, 16 + at);
                if (vectors > 2) a02 = Load512(ref y, 32 + at);
                if (vectors > 3) a03 = Load512(ref y, 48 + at);
                if (rows > 1) a10 = Load512(ref y, n + at);
                if (rows > 1 && vectors > 1) a11 = Load512(ref y, n + 16 + at);
                if (rows > 1 && vectors > 2) a12 = Load512(ref y, n + 32 + at);
                if (rows > 1 && vectors > 3) a13 = Load512(ref y, n + 48 + at);
                if (rows > 2) a20 = Load512(ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) a21 = Load512(ref y, 2 * n + 16 + at);
                if (rows > 2 && vectors > 2) a22 = Load512(ref y, 2 * n + 32 + at);
                if (rows > 2 && vectors > 3) a23 = Load512(ref y, 2 * n + 48 + at);
                if (rows > 3) a30 = Load512(ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) a31 = Load512(ref y, 3 * n + 16 + at);
                if (rows > 3 && vectors > 2) a32 = Load512(ref y, 3 * n + 32 + at);
                if (rows > 3 && vectors > 3) a33 = Load512(ref y, 3 * n + 48 + at);
            }
            for (int s = 0; s < count; s++)  // the samples in order
            {
                ref float xs = ref Unsafe.Add(ref x, xStride * s);
                ref float ds = ref Unsafe.Add(ref d, dStride * s);
                Vector512<float> x0 = Load512(ref xs, at), x1 = vectors > 1 ? Load512(ref xs, at + 16) : default;
                Vector512<float> x2 = vectors > 2 ? Load512(ref xs, at + 32) : default, x3 = vectors > 3 ? Load512(ref xs, at + 48) : default;
                {
                    Vector512<float> c = Vector512.Create(ds);
                    a00 = Fused.MultiplyAdd(x0, c, a00);
                    if (vectors > 1) a01 = Fused.MultiplyAdd(x1, c, a01);
                    if (vectors > 2) a02 = Fused.MultiplyAdd(x2, c, a02);
                    if (vectors > 3) a03 = Fused.MultiplyAdd(x3, c, a03);
                }
                if (rows > 1)
                {
                    Vector512<float> c = Vector512.Create(Unsafe.Add(ref ds, 1));
                    a10 = Fused.MultiplyAdd(x0, c, a10);
                    if (vectors > 1) a11 = Fused.MultiplyAdd(x1, c, a11);
                    if (vectors > 2) a12 = Fused.MultiplyAdd(x2, c, a12);
                    if (vectors > 3) a13 = Fused.MultiplyAdd(x3, c, a13);
                }
                if (rows > 2)
                {
                    Vector512<float> c = Vector512.Create(Unsafe.Add(ref ds, 2));
                    a20 = Fused.MultiplyAdd(x0, c, a20);
                    if (vectors > 1) a21 = Fused.MultiplyAdd(x1, c, a21);
                    if (vectors > 2) a22 = Fused.MultiplyAdd(x2, c, a22);
                    if (vectors > 3) a23 = Fused.MultiplyAdd(x3, c, a23);
                }
                if (rows > 3)
                {
                    Vector512<float> c = Vector512.Create(Unsafe.Add(ref ds, 3));
                    a30 = Fused.MultiplyAdd(x0, c, a30);
                    if (vectors > 1) a31 = Fused.MultiplyAdd(x1, c, a31);
                    if (vectors > 2) a32 = Fused.MultiplyAdd(x2, c, a32);
                    if (vectors > 3) a33 = Fused.MultiplyAdd(x3, c, a33);
                }
            }
            if (rate == 0f)
            {
                Store512(a00, ref y, at);
                if (vectors > 1) Store512(a01, ref y, 16 + at);
                if (vectors > 2) Store512(a02, ref y, 32 + at);
                if (vectors > 3) Store512(a03, ref y, 48 + at);
                if (rows > 1) Store512(a10, ref y, n + at);
                if (rows > 1 && vectors > 1) Store512(a11, ref y, n + 16 + at);
                if (rows > 1 && vectors > 2) Store512(a12, ref y, n + 32 + at);
                if (rows > 1 && vectors > 3) Store512(a13, ref y, n + 48 + at);
                if (rows > 2) Store512(a20, ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) Store512(a21, ref y, 2 * n + 16 + at);
                if (rows > 2 && vectors > 2) Store512(a22, ref y, 2 * n + 32 + at);
                if (rows > 2 && vectors > 3) Store512(a23, ref y, 2 * n + 48 + at);
                if (rows > 3) Store512(a30, ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) Store512(a31, ref y, 3 * n + 16 + at);
                if (rows > 3 && vectors > 2) Store512(a32, ref y, 3 * n + 32 + at);
                if (rows > 3 && vectors > 3) Store512(a33, ref y, 3 * n + 48 + at);
                return default;
            }
            // Plain SGD inside the pass: θ − η·g, as the optimizer's own step computes it
            Vector512<float> check = default;
            { Store512(Load512(ref y, at) - rate * a00, ref y, at); check += a00 - a00; }
            if (vectors > 1) { Store512(Load512(ref y, 16 + at) - rate * a01, ref y, 16 + at); check += a01 - a01; }
            if (vectors > 2) { Store512(Load512(ref y, 32 + at) - rate * a02, ref y, 32 + at); check += a02 - a02; }
            if (vectors > 3) { Store512(Load512(ref y, 48 + at) - rate * a03, ref y, 48 + at); check += a03 - a03; }
            if (rows > 1) { Store512(Load512(ref y, n + at) - rate * a10, ref y, n + at); check += a10 - a10; }
            if (rows > 1 && vectors > 1) { Store512(Load512(ref y, n + 16 + at) - rate * a11, ref y, n + 16 + at); check += a11 - a11; }
            if (rows > 1 && vectors > 2) { Store512(Load512(ref y, n + 32 + at) - rate * a12, ref y, n + 32 + at); check += a12 - a12; }
            if (rows > 1 && vectors > 3) { Store512(Load512(ref y, n + 48 + at) - rate * a13, ref y, n + 48 + at); check += a13 - a13; }
            if (rows > 2) { Store512(Load512(ref y, 2 * n + at) - rate * a20, ref y, 2 * n + at); check += a20 - a20; }
            if (rows > 2 && vectors > 1) { Store512(Load512(ref y, 2 * n + 16 + at) - rate * a21, ref y, 2 * n + 16 + at); check += a21 - a21; }
            if (rows > 2 && vectors > 2) { Store512(Load512(ref y, 2 * n + 32 + at) - rate * a22, ref y, 2 * n + 32 + at); check += a22 - a22; }
            if (rows > 2 && vectors > 3) { Store512(Load512(ref y, 2 * n + 48 + at) - rate * a23, ref y, 2 * n + 48 + at); check += a23 - a23; }
            if (rows > 3) { Store512(Load512(ref y, 3 * n + at) - rate * a30, ref y, 3 * n + at); check += a30 - a30; }
            if (rows > 3 && vectors > 1) { Store512(Load512(ref y, 3 * n + 16 + at) - rate * a31, ref y, 3 * n + 16 + at); check += a31 - a31; }
            if (rows > 3 && vectors > 2) { Store512(Load512(ref y, 3 * n + 32 + at) - rate * a32, ref y, 3 * n + 32 + at); check += a32 - a32; }
            if (rows > 3 && vectors > 3) { Store512(Load512(ref y, 3 * n + 48 + at) - rate * a33, ref y, 3 * n + 48 + at); check += a33 - a33; }
            return check;
        }

        /// <summary>
        /// One tile of Outer: <paramref name="rows"/> (1 or 4) × <paramref name="vectors"/> (1 to 4) 256-bit sums from column
        /// <paramref name="at"/> on, held in registers while every sample streams past, then stored (or stepped); returns
        /// Σ (a − a) of the stepped sums (0 when all are finite, NaN otherwise; 0 when nothing was stepped).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> OuterTile256<TLength>(int rows, int vectors, int at, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            Vector256<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
            Vector256<float> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
            if (!clear)
            {
                a00 = Load256(ref y, at);
                if (vectors > 1) a01 = Load256(ref y, 8 + at);
                if (vectors > 2) a02 = Load256(ref y, 16 + at);
                if (vectors > 3) a03 = Load256(ref y, 24 + at);
                if (rows > 1) a10 = Load256(ref y, n + at);
                if (rows > 1 && vectors > 1) a11 = Load256(ref y, n + 8 + at);
                if (rows > 1 && vectors > 2) a12 = Load256(ref y, n + 16 + at);
                if (rows > 1 && vectors > 3) a13 = Load256(ref y, n + 24 + at);
                if (rows > 2) a20 = Load256(ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) a21 = Load256(ref y, 2 * n + 8 + at);
                if (rows > 2 && vectors > 2) a22 = Load256(ref y, 2 * n + 16 + at);
                if (rows > 2 && vectors > 3) a23 = Load256(ref y, 2 * n + 24 + at);
                if (rows > 3) a30 = Load256(ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) a31 = Load256(ref y, 3 * n + 8 + at);
                if (rows > 3 && vectors > 2) a32 = Load256(ref y, 3 * n + 16 + at);
                if (rows > 3 && vectors > 3) a33 = Load256(ref y, 3 * n + 24 + at);
            }
            for (int s = 0; s < count; s++)  // the samples in order
            {
                ref float xs = ref Unsafe.Add(ref x, xStride * s);
                ref float ds = ref Unsafe.Add(ref d, dStride * s);
                Vector256<float> x0 = Load256(ref xs, at), x1 = vectors > 1 ? Load256(ref xs, at + 8) : default;
                Vector256<float> x2 = vectors > 2 ? Load256(ref xs, at + 16) : default, x3 = vectors > 3 ? Load256(ref xs, at + 24) : default;
                {
                    Vector256<float> c = Vector256.Create(ds);
                    a00 = Fused.MultiplyAdd(x0, c, a00);
                    if (vectors > 1) a01 = Fused.MultiplyAdd(x1, c, a01);
                    if (vectors > 2) a02 = Fused.MultiplyAdd(x2, c, a02);
                    if (vectors > 3) a03 = Fused.MultiplyAdd(x3, c, a03);
                }
                if (rows > 1)
                {
                    Vector256<float> c = Vector256.Create(Unsafe.Add(ref ds, 1));
                    a10 = Fused.MultiplyAdd(x0, c, a10);
                    if (vectors > 1) a11 = Fused.MultiplyAdd(x1, c, a11);
                    if (vectors > 2) a12 = Fused.MultiplyAdd(x2, c, a12);
                    if (vectors > 3) a13 = Fused.MultiplyAdd(x3, c, a13);
                }
                if (rows > 2)
                {
                    Vector256<float> c = Vector256.Create(Unsafe.Add(ref ds, 2));
                    a20 = Fused.MultiplyAdd(x0, c, a20);
                    if (vectors > 1) a21 = Fused.MultiplyAdd(x1, c, a21);
                    if (vectors > 2) a22 = Fused.MultiplyAdd(x2, c, a22);
                    if (vectors > 3) a23 = Fused.MultiplyAdd(x3, c, a23);
                }
                if (rows > 3)
                {
                    Vector256<float> c = Vector256.Create(Unsafe.Add(ref ds, 3));
                    a30 = Fused.MultiplyAdd(x0, c, a30);
                    if (vectors > 1) a31 = Fused.MultiplyAdd(x1, c, a31);
                    if (vectors > 2) a32 = Fused.MultiplyAdd(x2, c, a32);
                    if (vectors > 3) a33 = Fused.MultiplyAdd(x3, c, a33);
                }
            }
            if (rate == 0f)
            {
                Store256(a00, ref y, at);
                if (vectors > 1) Store256(a01, ref y, 8 + at);
                if (vectors > 2) Store256(a02, ref y, 16 + at);
                if (vectors > 3) Store256(a03, ref y, 24 + at);
                if (rows > 1) Store256(a10, ref y, n + at);
                if (rows > 1 && vectors > 1) Store256(a11, ref y, n + 8 + at);
                if (rows > 1 && vectors > 2) Store256(a12, ref y, n + 16 + at);
                if (rows > 1 && vectors > 3) Store256(a13, ref y, n + 24 + at);
                if (rows > 2) Store256(a20, ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) Store256(a21, ref y, 2 * n + 8 + at);
                if (rows > 2 && vectors > 2) Store256(a22, ref y, 2 * n + 16 + at);
                if (rows > 2 && vectors > 3) Store256(a23, ref y, 2 * n + 24 + at);
                if (rows > 3) Store256(a30, ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) Store256(a31, ref y, 3 * n + 8 + at);
                if (rows > 3 && vectors > 2) Store256(a32, ref y, 3 * n + 16 + at);
                if (rows > 3 && vectors > 3) Store256(a33, ref y, 3 * n + 24 + at);
                return default;
            }
            // Plain SGD inside the pass: θ − η·g, as the optimizer's own step computes it
            Vector256<float> check = default;
            { Store256(Load256(ref y, at) - rate * a00, ref y, at); check += a00 - a00; }
            if (vectors > 1) { Store256(Load256(ref y, 8 + at) - rate * a01, ref y, 8 + at); check += a01 - a01; }
            if (vectors > 2) { Store256(Load256(ref y, 16 + at) - rate * a02, ref y, 16 + at); check += a02 - a02; }
            if (vectors > 3) { Store256(Load256(ref y, 24 + at) - rate * a03, ref y, 24 + at); check += a03 - a03; }
            if (rows > 1) { Store256(Load256(ref y, n + at) - rate * a10, ref y, n + at); check += a10 - a10; }
            if (rows > 1 && vectors > 1) { Store256(Load256(ref y, n + 8 + at) - rate * a11, ref y, n + 8 + at); check += a11 - a11; }
            if (rows > 1 && vectors > 2) { Store256(Load256(ref y, n + 16 + at) - rate * a12, ref y, n + 16 + at); check += a12 - a12; }
            if (rows > 1 && vectors > 3) { Store256(Load256(ref y, n + 24 + at) - rate * a13, ref y, n + 24 + at); check += a13 - a13; }
            if (rows > 2) { Store256(Load256(ref y, 2 * n + at) - rate * a20, ref y, 2 * n + at); check += a20 - a20; }
            if (rows > 2 && vectors > 1) { Store256(Load256(ref y, 2 * n + 8 + at) - rate * a21, ref y, 2 * n + 8 + at); check += a21 - a21; }
            if (rows > 2 && vectors > 2) { Store256(Load256(ref y, 2 * n + 16 + at) - rate * a22, ref y, 2 * n + 16 + at); check += a22 - a22; }
            if (rows > 2 && vectors > 3) { Store256(Load256(ref y, 2 * n + 24 + at) - rate * a23, ref y, 2 * n + 24 + at); check += a23 - a23; }
            if (rows > 3) { Store256(Load256(ref y, 3 * n + at) - rate * a30, ref y, 3 * n + at); check += a30 - a30; }
            if (rows > 3 && vectors > 1) { Store256(Load256(ref y, 3 * n + 8 + at) - rate * a31, ref y, 3 * n + 8 + at); check += a31 - a31; }
            if (rows > 3 && vectors > 2) { Store256(Load256(ref y, 3 * n + 16 + at) - rate * a32, ref y, 3 * n + 16 + at); check += a32 - a32; }
            if (rows > 3 && vectors > 3) { Store256(Load256(ref y, 3 * n + 24 + at) - rate * a33, ref y, 3 * n + 24 + at); check += a33 - a33; }
            return check;
        }

        /// <summary>
        /// One tile of Outer: <paramref name="rows"/> (1 or 4) × <paramref name="vectors"/> (1 to 4) 128-bit sums from column
        /// <paramref name="at"/> on, held in registers while every sample streams past, then stored (or stepped); returns
        /// Σ (a − a) of the stepped sums (0 when all are finite, NaN otherwise; 0 when nothing was stepped).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> OuterTile128<TLength>(int rows, int vectors, int at, ref float d, int dStride, ref float x, int xStride, int count, ref float y, bool clear, float rate)
            where TLength : struct, IFixedLength
        {
            int n = default(TLength).Value;
            Vector128<float> a00 = default, a01 = default, a02 = default, a03 = default, a10 = default, a11 = default, a12 = default, a13 = default;
            Vector128<float> a20 = default, a21 = default, a22 = default, a23 = default, a30 = default, a31 = default, a32 = default, a33 = default;
            if (!clear)
            {
                a00 = Load128(ref y, at);
                if (vectors > 1) a01 = Load128(ref y, 4 + at);
                if (vectors > 2) a02 = Load128(ref y, 8 + at);
                if (vectors > 3) a03 = Load128(ref y, 12 + at);
                if (rows > 1) a10 = Load128(ref y, n + at);
                if (rows > 1 && vectors > 1) a11 = Load128(ref y, n + 4 + at);
                if (rows > 1 && vectors > 2) a12 = Load128(ref y, n + 8 + at);
                if (rows > 1 && vectors > 3) a13 = Load128(ref y, n + 12 + at);
                if (rows > 2) a20 = Load128(ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) a21 = Load128(ref y, 2 * n + 4 + at);
                if (rows > 2 && vectors > 2) a22 = Load128(ref y, 2 * n + 8 + at);
                if (rows > 2 && vectors > 3) a23 = Load128(ref y, 2 * n + 12 + at);
                if (rows > 3) a30 = Load128(ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) a31 = Load128(ref y, 3 * n + 4 + at);
                if (rows > 3 && vectors > 2) a32 = Load128(ref y, 3 * n + 8 + at);
                if (rows > 3 && vectors > 3) a33 = Load128(ref y, 3 * n + 12 + at);
            }
            for (int s = 0; s < count; s++)  // the samples in order
            {
                ref float xs = ref Unsafe.Add(ref x, xStride * s);
                ref float ds = ref Unsafe.Add(ref d, dStride * s);
                Vector128<float> x0 = Load128(ref xs, at), x1 = vectors > 1 ? Load128(ref xs, at + 4) : default;
                Vector128<float> x2 = vectors > 2 ? Load128(ref xs, at + 8) : default, x3 = vectors > 3 ? Load128(ref xs, at + 12) : default;
                {
                    Vector128<float> c = Vector128.Create(ds);
                    a00 = Fused.MultiplyAdd(x0, c, a00);
                    if (vectors > 1) a01 = Fused.MultiplyAdd(x1, c, a01);
                    if (vectors > 2) a02 = Fused.MultiplyAdd(x2, c, a02);
                    if (vectors > 3) a03 = Fused.MultiplyAdd(x3, c, a03);
                }
                if (rows > 1)
                {
                    Vector128<float> c = Vector128.Create(Unsafe.Add(ref ds, 1));
                    a10 = Fused.MultiplyAdd(x0, c, a10);
                    if (vectors > 1) a11 = Fused.MultiplyAdd(x1, c, a11);
                    if (vectors > 2) a12 = Fused.MultiplyAdd(x2, c, a12);
                    if (vectors > 3) a13 = Fused.MultiplyAdd(x3, c, a13);
                }
                if (rows > 2)
                {
                    Vector128<float> c = Vector128.Create(Unsafe.Add(ref ds, 2));
                    a20 = Fused.MultiplyAdd(x0, c, a20);
                    if (vectors > 1) a21 = Fused.MultiplyAdd(x1, c, a21);
                    if (vectors > 2) a22 = Fused.MultiplyAdd(x2, c, a22);
                    if (vectors > 3) a23 = Fused.MultiplyAdd(x3, c, a23);
                }
                if (rows > 3)
                {
                    Vector128<float> c = Vector128.Create(Unsafe.Add(ref ds, 3));
                    a30 = Fused.MultiplyAdd(x0, c, a30);
                    if (vectors > 1) a31 = Fused.MultiplyAdd(x1, c, a31);
                    if (vectors > 2) a32 = Fused.MultiplyAdd(x2, c, a32);
                    if (vectors > 3) a33 = Fused.MultiplyAdd(x3, c, a33);
                }
            }
            if (rate == 0f)
            {
                Store128(a00, ref y, at);
                if (vectors > 1) Store128(a01, ref y, 4 + at);
                if (vectors > 2) Store128(a02, ref y, 8 + at);
                if (vectors > 3) Store128(a03, ref y, 12 + at);
                if (rows > 1) Store128(a10, ref y, n + at);
                if (rows > 1 && vectors > 1) Store128(a11, ref y, n + 4 + at);
                if (rows > 1 && vectors > 2) Store128(a12, ref y, n + 8 + at);
                if (rows > 1 && vectors > 3) Store128(a13, ref y, n + 12 + at);
                if (rows > 2) Store128(a20, ref y, 2 * n + at);
                if (rows > 2 && vectors > 1) Store128(a21, ref y, 2 * n + 4 + at);
                if (rows > 2 && vectors > 2) Store128(a22, ref y, 2 * n + 8 + at);
                if (rows > 2 && vectors > 3) Store128(a23, ref y, 2 * n + 12 + at);
                if (rows > 3) Store128(a30, ref y, 3 * n + at);
                if (rows > 3 && vectors > 1) Store128(a31, ref y, 3 * n + 4 + at);
                if (rows > 3 && vectors > 2) Store128(a32, ref y, 3 * n + 8 + at);
                if (rows > 3 && vectors > 3) Store128(a33, ref y, 3 * n + 12 + at);
                return default;
            }
            // Plain SGD inside the pass: θ − η·g, as the optimizer's own step computes it
            Vector128<float> check = default;
            { Store128(Load128(ref y, at) - rate * a00, ref y, at); check += a00 - a00; }
            if (vectors > 1) { Store128(Load128(ref y, 4 + at) - rate * a01, ref y, 4 + at); check += a01 - a01; }
            if (vectors > 2) { Store128(Load128(ref y, 8 + at) - rate * a02, ref y, 8 + at); check += a02 - a02; }
            if (vectors > 3) { Store128(Load128(ref y, 12 + at) - rate * a03, ref y, 12 + at); check += a03 - a03; }
            if (rows > 1) { Store128(Load128(ref y, n + at) - rate * a10, ref y, n + at); check += a10 - a10; }
            if (rows > 1 && vectors > 1) { Store128(Load128(ref y, n + 4 + at) - rate * a11, ref y, n + 4 + at); check += a11 - a11; }
            if (rows > 1 && vectors > 2) { Store128(Load128(ref y, n + 8 + at) - rate * a12, ref y, n + 8 + at); check += a12 - a12; }
            if (rows > 1 && vectors > 3) { Store128(Load128(ref y, n + 12 + at) - rate * a13, ref y, n + 12 + at); check += a13 - a13; }
            if (rows > 2) { Store128(Load128(ref y, 2 * n + at) - rate * a20, ref y, 2 * n + at); check += a20 - a20; }
            if (rows > 2 && vectors > 1) { Store128(Load128(ref y, 2 * n + 4 + at) - rate * a21, ref y, 2 * n + 4 + at); check += a21 - a21; }
            if (rows > 2 && vectors > 2) { Store128(Load128(ref y, 2 * n + 8 + at) - rate * a22, ref y, 2 * n + 8 + at); check += a22 - a22; }
            if (rows > 2 && vectors > 3) { Store128(Load128(ref y, 2 * n + 12 + at) - rate * a23, ref y, 2 * n + 12 + at); check += a23 - a23; }
            if (rows > 3) { Store128(Load128(ref y, 3 * n + at) - rate * a30, ref y, 3 * n + at); check += a30 - a30; }
            if (rows > 3 && vectors > 1) { Store128(Load128(ref y, 3 * n + 4 + at) - rate * a31, ref y, 3 * n + 4 + at); check += a31 - a31; }
            if (rows > 3 && vectors > 2) { Store128(Load128(ref y, 3 * n + 8 + at) - rate * a32, ref y, 3 * n + 8 + at); check += a32 - a32; }
            if (rows > 3 && vectors > 3) { Store128(Load128(ref y, 3 * n + 12 + at) - rate * a33, ref y, 3 * n + 12 + at); check += a33 - a33; }
            return check;
        }
#endif
    }
}
