using System;
using System.Runtime.CompilerServices;
using StaticNet.Training;

namespace StaticNet.Kernels
{
    /// <summary>
    /// Adam as torch.optim.Adam/AdamW, with g = ∇θ + λ₂·θ + λ₁·sign(θ): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
    /// θ ← θ·(1 − η·λ_AdamW) − η/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε). Whole SIMD vectors first, then one parameter
    /// at a time, each with the same arithmetic.
    /// </summary>
    internal static class AdamUpdate
    {
        /// <summary>Updates <paramref name="parameters"/> from their <paramref name="gradients"/>; the moments cover the same range.</summary>
        [MethodImpl(Jit.Optimized)]
        public static void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> m, Span<float> v, in AdamStep step)
        {
            int i = 0, end = gradients.Length;
            Check.Length(parameters.Length, end, nameof(parameters));
            Check.Length(m.Length, end, nameof(m));
            Check.Length(v.Length, end, nameof(v));
            Span<float> p = parameters;
            float beta1 = step.Beta1, beta2 = step.Beta2, oneMinusBeta1 = 1f - beta1, oneMinusBeta2 = 1f - beta2;
            float stepSize = step.StepSize, correction2 = step.BiasCorrection2Sqrt, epsilon = step.Epsilon;
            float l2 = step.WeightDecay, l1 = step.L1, decay = step.DecoupledDecayFactor;
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                for (; i <= end - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                {
                    var theta = new System.Numerics.Vector<float>(p.Slice(i));
                    var g = new System.Numerics.Vector<float>(gradients.Slice(i)) + l2 * theta + l1 * NetMath.Sign(theta);
                    var mi = beta1 * new System.Numerics.Vector<float>(m.Slice(i)) + oneMinusBeta1 * g;
                    var vi = beta2 * new System.Numerics.Vector<float>(v.Slice(i)) + oneMinusBeta2 * g * g;
                    mi.CopyTo(m.Slice(i));
                    vi.CopyTo(v.Slice(i));
                    (theta * decay - stepSize * mi / (System.Numerics.Vector.SquareRoot(vi) / correction2 + new System.Numerics.Vector<float>(epsilon))).CopyTo(p.Slice(i));
                }
            }
#endif
            for (; i < end; i++)
            {
                float g = gradients[i] + l2 * p[i] + l1 * NetMath.Sign(p[i]);
                m[i] = beta1 * m[i] + oneMinusBeta1 * g;
                v[i] = beta2 * v[i] + oneMinusBeta2 * g * g;
                p[i] = p[i] * decay - stepSize * m[i] / (NetMath.Sqrt(v[i]) / correction2 + epsilon);
            }
        }
    }
}
