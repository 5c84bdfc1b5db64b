#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet
{
    public static partial class VectorMath
    {
        /// <summary>
        /// Softmax of 1 … 16 logits in one 512-bit vector, for AVX-512 machines: the same steps as <c>SoftmaxOfFew</c>
        /// (lanes past the end −∞, max and sum reduced across lanes by shuffles, e^(z − max) after Cephes' expf), with
        /// the polynomial's multiply-adds fused. One vector instead of four halves the instructions on the one chain of
        /// dependent steps a single call is (docs/performance.md has the measured times).
        /// </summary>
        private static void SoftmaxOf16x512(System.ReadOnlySpan<float> z, System.Span<float> y)
        {
            Vector512<float> v = Vector512.Create(Vector256.Create(LoadLogits(z, 0), LoadLogits(z, 4)), Vector256.Create(LoadLogits(z, 8), LoadLogits(z, 12)));
            Vector512<float> max = AllLanes(v, isMax: true);
            Vector512<float> x = v - max;
            Vector512<float> e = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(-87.33654f)), Vector512<float>.Zero, Exp512(x));
            Vector512<float> p = e * (Vector512<float>.One / AllLanes(e, isMax: false));
            int n = z.Length;
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Combine(Vector512<float> a, Vector512<float> b, bool isMax) => isMax ? Vector512.Max(a, b) : a + b;

        /// <summary><see cref="Exp(Vector128{float})"/> on 16 lanes with fused multiply-adds (one rounding per step: as close to MathF, tested).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Exp512(Vector512<float> x)
        {
            Vector512<float> held = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.33654f)), Vector512.Create(88.3762626647949f));
            Vector512<float> n = Vector512.Floor(Avx512F.FusedMultiplyAdd(held, Vector512.Create(1.44269504088896341f), Vector512.Create(0.5f)));
            Vector512<float> r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), held);
            r = Avx512F.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
            Vector512<float> p = Vector512.Create(1.9875691500e-4f);
            p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1.3981999507e-3f));
            p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
            p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
            p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
            p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
            Vector512<float> er = Avx512F.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
            Vector512<float> twoToN = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23).AsSingle();
            return Vector512.ConditionalSelect(Vector512.Equals(x, x), er * twoToN, x);   // NaN stays NaN
        }
    }
}
#endif
