using System.Runtime.CompilerServices;

namespace StaticNet
{
    /// <summary>
    /// Single-precision transcendentals used by generated code, so that the same generated source
    /// compiles for targets with <c>MathF</c> (.NET Core) and without it (.NET Standard 2.0).
    /// </summary>
    public static class NetMath
    {
        /// <summary>e^x.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
        public static float Exp(float x) => (float)System.Math.Exp(x);
#else
        public static float Exp(float x) => System.MathF.Exp(x);
#endif

        /// <summary>Natural logarithm.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
        public static float Log(float x) => (float)System.Math.Log(x);
#else
        public static float Log(float x) => System.MathF.Log(x);
#endif

        /// <summary>Hyperbolic tangent.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
        public static float Tanh(float x) => (float)System.Math.Tanh(x);
#else
        public static float Tanh(float x) => System.MathF.Tanh(x);
#endif

        /// <summary>Square root.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETSTANDARD2_0
        public static float Sqrt(float x) => (float)System.Math.Sqrt(x);
#else
        public static float Sqrt(float x) => System.MathF.Sqrt(x);
#endif

        /// <summary>sign(x): 1, −1, or 0 for zero (and NaN), as torch.sign — the (sub)gradient of |x|.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sign(float x) => x > 0f ? 1f : x < 0f ? -1f : 0f;

        /// <summary>sign(x) per lane: 1, −1, or 0 for zero and NaN, without branches.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static System.Numerics.Vector<float> Sign(System.Numerics.Vector<float> x)
        {
            var zero = System.Numerics.Vector<float>.Zero;
            var one = System.Numerics.Vector<float>.One;
            return System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(x, zero), one, zero)
                 - System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.LessThan(x, zero), one, zero);
        }

        /// <summary>Neither NaN nor ±∞ (float.IsFinite, which .NET Standard 2.0 lacks).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool IsFinite(float x) => !float.IsNaN(x) && !float.IsInfinity(x);

        /// <summary>max(0, z); NaN gives 0, as the generated loops' z &gt; 0 ? z : 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReLU(float z) => z > 0f ? z : 0f;

        /// <summary>z for z &gt; 0, else α·z.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LeakyReLU(float z, float alpha) => z > 0f ? z : alpha * z;

        /// <summary>z for z &gt; 0, else α·(e^z − 1).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Elu(float z, float alpha) => z > 0f ? z : alpha * (Exp(z) - 1f);

        /// <summary>The logistic sigmoid 1 / (1 + e^−x).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float x) => 1f / (1f + Exp(-x));
    }
}
