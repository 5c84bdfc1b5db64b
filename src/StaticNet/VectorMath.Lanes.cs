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

        /// <summary>
        /// e^x per lane (Cephes' expf): x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so r is exact),
        /// e^r = 1 + r + r²·P(r) with P of degree 5, and 2^n built in the exponent bits. x is held to
        /// [−87.3, 88.3], where 2^n stays a normal float: e^x is then about 1.2E−38 at the low end (MathF
        /// goes on into subnormals and 0) and 2.1E38 at the high end (MathF reaches ∞ at 88.73).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Exp(Vector128<float> x)
        {
            Vector128<float> held = Vector128.Min(Vector128.Max(x, Vector128.Create(-87.33654f)), Vector128.Create(88.3762626647949f));
            Vector128<float> n = Vector128.Floor(held * Vector128.Create(1.44269504088896341f) + Vector128.Create(0.5f));
            Vector128<float> r = held - n * Vector128.Create(0.693359375f) - n * Vector128.Create(-2.12194440e-4f);
            Vector128<float> p = Vector128.Create(1.9875691500e-4f);
            p = p * r + Vector128.Create(1.3981999507e-3f);
            p = p * r + Vector128.Create(8.3334519073e-3f);
            p = p * r + Vector128.Create(4.1665795894e-2f);
            p = p * r + Vector128.Create(1.6666665459e-1f);
            p = p * r + Vector128.Create(5.0000001201e-1f);
            Vector128<float> er = p * (r * r) + r + Vector128<float>.One;
            Vector128<float> twoToN = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23).AsSingle();
            return KeepNaN(x, er * twoToN);
        }

        /// <summary>Lanes where x is NaN give NaN (min, max and the comparisons above would turn it into a number).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> KeepNaN(Vector128<float> x, Vector128<float> value)
            => Vector128.ConditionalSelect(Vector128.Equals(x, x), value, x);
    }
}
#endif
