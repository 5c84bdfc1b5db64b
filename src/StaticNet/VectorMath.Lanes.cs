#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet
{
    /// <summary>
    /// Four neurons at a time for the straight-line code of tiny networks: one vector evaluation of tanh or
    /// the sigmoid instead of four calls into the C library. Polynomial approximations after Cephes' tanhf and
    /// expf, within a few float ulps of MathF (tested); NaN in a lane stays NaN.
    /// </summary>
    public static partial class VectorMath
    {
        /// <summary>
        /// tanh per lane: x + x³·P(x²) for |x| &lt; 0.625, where 1 − 2/(e^2|x| + 1) would cancel away digits;
        /// sign(x)·(1 − 2/(e^2|x| + 1)) above (2|x| capped at 40, past which tanh is 1 to float precision).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Tanh(Vector128<float> x)
        {
            Vector128<float> magnitude = Vector128.Abs(x);
            Vector128<float> e = Exp(Vector128.Min(magnitude + magnitude, Vector128.Create(40f)));
            Vector128<float> large = Vector128<float>.One - Vector128.Create(2f) / (e + Vector128<float>.One);
            large = Vector128.ConditionalSelect(Vector128.Create(-0f), x, large);   // the sign bit from x
            Vector128<float> x2 = x * x;
            Vector128<float> p = Vector128.Create(-5.70498872745e-3f);
            p = p * x2 + Vector128.Create(2.06390887954e-2f);
            p = p * x2 - Vector128.Create(5.37397155531e-2f);
            p = p * x2 + Vector128.Create(1.33314422036e-1f);
            p = p * x2 - Vector128.Create(3.33332819422e-1f);
            Vector128<float> small = p * x2 * x + x;
            return KeepNaN(x, Vector128.ConditionalSelect(Vector128.LessThan(magnitude, Vector128.Create(0.625f)), small, large));
        }

        /// <summary>The logistic sigmoid 1 / (1 + e^−x) per lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Sigmoid(Vector128<float> x) => KeepNaN(x, Vector128<float>.One / (Vector128<float>.One + Exp(-x)));

        // Cephes' expf, shared by every width's e^x: the range x is held to, log2(e), ln 2 in two parts (the first exact
        // in few bits, so n·ln2High is exact), and P(r), highest power first.
        private const float ExpLowest = -87.33654f, ExpHighest = 88.3762626647949f, Log2E = 1.44269504088896341f;
        private const float Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
        private const float ExpP5 = 1.9875691500e-4f, ExpP4 = 1.3981999507e-3f, ExpP3 = 8.3334519073e-3f;
        private const float ExpP2 = 4.1665795894e-2f, ExpP1 = 1.6666665459e-1f, ExpP0 = 5.0000001201e-1f;

        /// <summary>
        /// e^x per lane (Cephes' expf): x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is exact),
        /// e^r = 1 + r + r²·P(r) with P of degree 5, and 2^n built in the exponent bits. x is held to
        /// [−87.3, 88.3], where 2^n stays a normal float: e^x is then about 1.2E−38 at the low end (MathF
        /// goes on into subnormals and 0) and 2.1E38 at the high end (MathF reaches ∞ at 88.73).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Exp(Vector128<float> x)
        {
            Vector128<float> held = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpLowest)), Vector128.Create(ExpHighest));
            Vector128<float> n = Vector128.Floor(held * Vector128.Create(Log2E) + Vector128.Create(0.5f));
            Vector128<float> r = held - n * Vector128.Create(Ln2High) - n * Vector128.Create(Ln2Low);
            Vector128<float> p = Vector128.Create(ExpP5);
            p = p * r + Vector128.Create(ExpP4);
            p = p * r + Vector128.Create(ExpP3);
            p = p * r + Vector128.Create(ExpP2);
            p = p * r + Vector128.Create(ExpP1);
            p = p * r + Vector128.Create(ExpP0);
            Vector128<float> er = p * (r * r) + r + Vector128<float>.One;
            Vector128<float> twoToN = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();
            return KeepNaN(x, er * twoToN);
        }

        /// <summary>How many logits <see cref="SoftmaxOfFew"/> takes: four vectors of four.</summary>
        private const int FewLogits = 16;

        /// <summary>
        /// Softmax of 1 … 16 logits in four Vector128s: the max and the sum reduced across lanes by shuffles, e^(z − max)
        /// by <see cref="Exp"/>. The row is the first <paramref name="n"/> floats of <paramref name="readable"/> (see
        /// <see cref="SoftmaxOfRow"/>). Lanes past the end hold −∞; they, and any e^(z − max) below e^−87.3 (where Exp is
        /// held, and MathF gives a subnormal or 0), count as 0, so a probability that underflows is exactly 0. A NaN
        /// logit makes every output NaN, as the long path does. One chain of dependent steps (max, e^x, sum, 1/sum).
        /// </summary>
        internal static void SoftmaxOfFew(System.ReadOnlySpan<float> readable, int n, System.Span<float> y)
        {
            Vector128<float> v0, v1, v2, v3;
            if (readable.Length >= FewLogits)
            {
                v0 = LoadInRow(readable, 0, n); v1 = LoadInRow(readable, 4, n); v2 = LoadInRow(readable, 8, n); v3 = LoadInRow(readable, 12, n);
            }
            else
            {
                System.ReadOnlySpan<float> z = readable.Slice(0, n);
                v0 = LoadLogits(z, 0); v1 = LoadLogits(z, 4); v2 = LoadLogits(z, 8); v3 = LoadLogits(z, 12);
            }
            Vector128<float> max = Vector128.Max(Vector128.Max(v0, v1), Vector128.Max(v2, v3));
            max = Vector128.Max(max, Vector128.Shuffle(max, Vector128.Create(2, 3, 0, 1)));
            max = Vector128.Max(max, Vector128.Shuffle(max, Vector128.Create(1, 0, 3, 2)));   // max z in every lane
            v0 = ExpAboveUnderflow(v0 - max); v1 = ExpAboveUnderflow(v1 - max);
            v2 = ExpAboveUnderflow(v2 - max); v3 = ExpAboveUnderflow(v3 - max);
            Vector128<float> sum = (v0 + v1) + (v2 + v3);
            sum += Vector128.Shuffle(sum, Vector128.Create(2, 3, 0, 1));
            sum += Vector128.Shuffle(sum, Vector128.Create(1, 0, 3, 2));   // Σ e^(z − max) in every lane
            Vector128<float> scale = Vector128<float>.One / sum;
            StoreProbabilities(v0 * scale, y, 0, n); StoreProbabilities(v1 * scale, y, 4, n);
            StoreProbabilities(v2 * scale, y, 8, n); StoreProbabilities(v3 * scale, y, 12, n);
        }

        /// <summary>readable[at … at + 3] (all there), with −∞ in the lanes from n on.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> LoadInRow(System.ReadOnlySpan<float> readable, int at, int n)
        {
            System.Diagnostics.Debug.Assert(readable.Length >= at + 4, "a whole load needs the four floats there");
            Vector128<float> inRow = Vector128.LessThan(Vector128.Create(at, at + 1, at + 2, at + 3), Vector128.Create(n)).AsSingle();
            return Vector128.ConditionalSelect(inRow, Vector128.LoadUnsafe(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(readable), (nuint)at), Vector128.Create(float.NegativeInfinity));
        }

        /// <summary>z[at … at + 3], with −∞ in the lanes past the end of z.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> LoadLogits(System.ReadOnlySpan<float> z, int at)
        {
            if (at + 4 <= z.Length) return Vector128.LoadUnsafe(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(z), (nuint)at);
            const float None = float.NegativeInfinity;
            return Vector128.Create(at < z.Length ? z[at] : None, at + 1 < z.Length ? z[at + 1] : None, at + 2 < z.Length ? z[at + 2] : None, None);
        }

        /// <summary>
        /// The lanes of <paramref name="p"/> that fall inside y[0 … n − 1], from y[at] on: a whole vector, or each lane by
        /// a constant index, so none goes through a copy of the vector on the stack.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreProbabilities(Vector128<float> p, System.Span<float> y, int at, int n)
        {
            ref float first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
            int left = n - at;
            if (left >= 4)
            {
                p.StoreUnsafe(ref first, (nuint)at);
                return;
            }
            if (left >= 1) Unsafe.Add(ref first, at) = p.ToScalar();
            if (left >= 2) Unsafe.Add(ref first, at + 1) = p.GetElement(1);
            if (left >= 3) Unsafe.Add(ref first, at + 2) = p.GetElement(2);
        }

        /// <summary>e^x, with 0 below −87.3 (and for −∞); NaN stays NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> ExpAboveUnderflow(Vector128<float> x)
            => Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(ExpLowest)), Vector128<float>.Zero, Exp(x));

        /// <summary>Lanes where x is NaN give NaN (min, max and the comparisons above would turn it into a number).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> KeepNaN(Vector128<float> x, Vector128<float> value)
            => Vector128.ConditionalSelect(Vector128.Equals(x, x), value, x);
    }
}
#endif
