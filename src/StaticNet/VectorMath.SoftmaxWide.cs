#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using StaticNet.Kernels;

namespace StaticNet
{
    public static partial class VectorMath
    {
        /// <summary>
        /// Softmax of 1 … 16 logits in one 512-bit vector, for AVX-512 machines: the same steps as <c>SoftmaxOfFew</c>
        /// (lanes past the end −∞, max and sum reduced across lanes by shuffles, e^(z − max) after Cephes' expf), with
        /// the polynomial's multiply-adds fused. One vector instead of four cuts the instructions of the one chain of
        /// dependent steps a single call is (docs/performance.md has the measured times). The row is the first
        /// <paramref name="n"/> floats of <paramref name="readable"/>, which may run on (a batch's later rows): with 16
        /// floats there (FewLogits), one load reads the row (see <see cref="SoftmaxOfRow"/>).
        /// </summary>
        [MethodImpl(StaticNet.Kernels.Jit.Optimized)]
        internal static void SoftmaxOf16x512(System.ReadOnlySpan<float> readable, int n, System.Span<float> y)
        {
            Vector512<float> v;
            if (readable.Length >= FewLogits)
            {
                Vector512<float> inRow = Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(n)).AsSingle();
                v = Vector512.ConditionalSelect(inRow, Vector512.LoadUnsafe(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(readable)), Vector512.Create(float.NegativeInfinity));
            }
            else
            {
                System.ReadOnlySpan<float> z = readable.Slice(0, n);
                v = Vector512.Create(Vector256.Create(LoadLogits(z, 0), LoadLogits(z, 4)), Vector256.Create(LoadLogits(z, 8), LoadLogits(z, 12)));
            }
            Vector512<float> max = AllLanes(v, isMax: true);
            Vector512<float> e = ExpAboveUnderflow(v - max);
            Vector512<float> p = e * (Vector512<float>.One / AllLanes(e, isMax: false));
            StoreProbabilities(p.GetLower().GetLower(), y, 0, n); StoreProbabilities(p.GetLower().GetUpper(), y, 4, n);
            StoreProbabilities(p.GetUpper().GetLower(), y, 8, n); StoreProbabilities(p.GetUpper().GetUpper(), y, 12, n);
        }

        /// <summary>The max (or the sum) of the 16 lanes, in every lane: 256-bit halves swapped, then 128-bit quarters, then pairs, then lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> AllLanes(Vector512<float> v, bool isMax)
        {
            v = Combine(v, Avx512F.Shuffle4x128(v, v, 0b01_00_11_10), isMax);
            v = Combine(v, Avx512F.Shuffle4x128(v, v, 0b10_11_00_01), isMax);
            v = Combine(v, Avx512F.Permute4x32(v, 0b01_00_11_10), isMax);
            return Combine(v, Avx512F.Permute4x32(v, 0b10_11_00_01), isMax);
        }

        /// <summary>
        /// x86's max, not Vector512.Max, whose IEEE semantics for NaN and −0 add fix-up steps to the chain of dependent steps
        /// one softmax is. A NaN logit still makes every output NaN: whatever max the lanes reduce to, its lane of z − max
        /// is NaN, so e^(z − max) and the sum are.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Combine(Vector512<float> a, Vector512<float> b, bool isMax) => isMax ? Avx512F.Max(a, b) : a + b;

        /// <summary>
        /// Softmax of 1 … 16 logits in two 256-bit vectors, for AVX2 machines without AVX-512 (most desktop and laptop
        /// CPUs a game runs on): the steps of <see cref="SoftmaxOf16x512"/>, eight lanes a vector. The row is read as a
        /// row that ends its span is (whole groups of four, the last vector lane by lane) even where 16 floats of
        /// <paramref name="readable"/> are there: on this path whole loads made PredictBatch slower (docs/performance.md,
        /// eleventh round).
        /// </summary>
        [MethodImpl(StaticNet.Kernels.Jit.Optimized)]
        internal static void SoftmaxOf16x256(System.ReadOnlySpan<float> readable, int n, System.Span<float> y)
        {
            System.ReadOnlySpan<float> z = readable.Slice(0, n);
            Vector256<float> lo = Vector256.Create(LoadLogits(z, 0), LoadLogits(z, 4)), hi = Vector256.Create(LoadLogits(z, 8), LoadLogits(z, 12));
            Vector256<float> max = AllLanes(Vector256.Max(lo, hi), isMax: true);
            Vector256<float> e0 = ExpAboveUnderflow(lo - max), e1 = ExpAboveUnderflow(hi - max);
            Vector256<float> scale = Vector256<float>.One / AllLanes(e0 + e1, isMax: false);
            Vector256<float> p0 = e0 * scale, p1 = e1 * scale;
            StoreProbabilities(p0.GetLower(), y, 0, n); StoreProbabilities(p0.GetUpper(), y, 4, n);
            StoreProbabilities(p1.GetLower(), y, 8, n); StoreProbabilities(p1.GetUpper(), y, 12, n);
        }

        /// <summary>The max (or the sum) of the 8 lanes, in every lane: 128-bit halves swapped, then pairs, then lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> AllLanes(Vector256<float> v, bool isMax)
        {
            v = Combine(v, Vector256.Shuffle(v, Vector256.Create(4, 5, 6, 7, 0, 1, 2, 3)), isMax);
            v = Combine(v, Vector256.Shuffle(v, Vector256.Create(2, 3, 0, 1, 6, 7, 4, 5)), isMax);
            return Combine(v, Vector256.Shuffle(v, Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6)), isMax);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Combine(Vector256<float> a, Vector256<float> b, bool isMax) => isMax ? Vector256.Max(a, b) : a + b;

        /// <summary>e^x on 8 lanes, 0 below −87.3 (the steps of the 128-bit ExpAboveUnderflow), the multiply-adds fused where the CPU has FMA.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> ExpAboveUnderflow(Vector256<float> x)
        {
            Vector256<float> held = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowest)), Vector256.Create(ExpHighest));
            Vector256<float> n = Vector256.Floor(Fused.MultiplyAdd(held, Vector256.Create(Log2E), Vector256.Create(0.5f)));
            Vector256<float> r = Fused.MultiplyAdd(n, Vector256.Create(-Ln2High), held);
            r = Fused.MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
            Vector256<float> p = Vector256.Create(ExpP5);
            p = Fused.MultiplyAdd(p, r, Vector256.Create(ExpP4));
            p = Fused.MultiplyAdd(p, r, Vector256.Create(ExpP3));
            p = Fused.MultiplyAdd(p, r, Vector256.Create(ExpP2));
            p = Fused.MultiplyAdd(p, r, Vector256.Create(ExpP1));
            p = Fused.MultiplyAdd(p, r, Vector256.Create(ExpP0));
            Vector256<float> er = Fused.MultiplyAdd(p, r * r, r) + Vector256<float>.One;
            Vector256<float> twoToN = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
            Vector256<float> e = Vector256.ConditionalSelect(Vector256.Equals(x, x), er * twoToN, x);   // NaN stays NaN
            return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(ExpLowest)), Vector256<float>.Zero, e);
        }

        /// <summary>
        /// e^x on 16 lanes, 0 below −87.3: the 256-bit steps a vector twice as wide (checked through the softmax tests, to
        /// 1e-6), with x86's max, min and truncating conversion: n is held inside the exponent's range, so what the
        /// portable ones add (NaN and saturation fix-ups) would only lengthen the chain; a NaN x is put back at the end.
        /// (The same change on the 256-bit path measured slower, docs/performance.md, so it keeps the portable ones.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> ExpAboveUnderflow(Vector512<float> x)
        {
            Vector512<float> held = Avx512F.Min(Avx512F.Max(x, Vector512.Create(ExpLowest)), Vector512.Create(ExpHighest));
            Vector512<float> n = Vector512.Floor(Fused.MultiplyAdd(held, Vector512.Create(Log2E), Vector512.Create(0.5f)));
            Vector512<float> r = Fused.MultiplyAdd(n, Vector512.Create(-Ln2High), held);
            r = Fused.MultiplyAdd(n, Vector512.Create(-Ln2Low), r);
            Vector512<float> p = Vector512.Create(ExpP5);
            p = Fused.MultiplyAdd(p, r, Vector512.Create(ExpP4));
            p = Fused.MultiplyAdd(p, r, Vector512.Create(ExpP3));
            p = Fused.MultiplyAdd(p, r, Vector512.Create(ExpP2));
            p = Fused.MultiplyAdd(p, r, Vector512.Create(ExpP1));
            p = Fused.MultiplyAdd(p, r, Vector512.Create(ExpP0));
            Vector512<float> er = Fused.MultiplyAdd(p, r * r, r) + Vector512<float>.One;
            Vector512<float> twoToN = Vector512.ShiftLeft(Avx512F.ConvertToVector512Int32WithTruncation(n) + Vector512.Create(127), 23).AsSingle();
            Vector512<float> e = Vector512.ConditionalSelect(Vector512.Equals(x, x), er * twoToN, x);   // NaN stays NaN
            return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(ExpLowest)), Vector512<float>.Zero, e);
        }
    }
}
#endif
