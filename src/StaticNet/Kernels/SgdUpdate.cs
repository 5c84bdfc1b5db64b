using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Training;

namespace StaticNet.Kernels
{
    /// <summary>
    /// SGD as torch.optim.SGD, with g = ∇θ + λ₂·θ + λ₁·sign(θ): without momentum θ ← θ − η·g; with momentum
    /// v ← μ·v + (1 − dampening)·g (v ← g on the first step) and θ ← θ − η·v, or θ ← θ − η·(g + μ·v) for Nesterov.
    /// Whole SIMD vectors first, then one parameter at a time, each with the same arithmetic, so a range gives the same
    /// bits however it is split (threads share the vector: each parameter's update depends on nothing else).
    /// </summary>
    internal static class SgdUpdate
    {
        /// <summary>Updates <paramref name="parameters"/> from their <paramref name="gradients"/>; <paramref name="velocity"/> covers the same range (empty without momentum).</summary>
        [MethodImpl(Jit.Optimized)]
        public static void Apply(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, in SgdStep step)
        {
            Check.Length(parameters.Length, gradients.Length, nameof(parameters));
            int i = 0, end = gradients.Length;
            Span<float> p = parameters;
            float learningRate = step.LearningRate, l2 = step.WeightDecay, l1 = step.L1, momentum = step.Momentum;
            if (momentum == 0f && l2 == 0f && l1 == 0f)
            {
                // Plain SGD, the usual case: θ ← θ − η·g, without the decay terms' extra operations per element
#if NET8_0_OR_GREATER
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    ref float theta = ref MemoryMarshal.GetReference(p);
                    ref float gradient = ref MemoryMarshal.GetReference(gradients);
                    for (; i <= end - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                    {
                        System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector.LoadUnsafe(ref theta, (nuint)i) - learningRate * System.Numerics.Vector.LoadUnsafe(ref gradient, (nuint)i), ref theta, (nuint)i);
                    }
                }
#endif
                for (; i < end; i++) p[i] -= learningRate * gradients[i];
                return;
            }
            if (momentum == 0f)
            {
#if NET8_0_OR_GREATER
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    for (; i <= end - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                    {
                        var theta = new System.Numerics.Vector<float>(p.Slice(i));
                        var g = new System.Numerics.Vector<float>(gradients.Slice(i)) + l2 * theta + l1 * NetMath.Sign(theta);
                        (theta - learningRate * g).CopyTo(p.Slice(i));
                    }
                }
#endif
                for (; i < end; i++) p[i] -= learningRate * (gradients[i] + l2 * p[i] + l1 * NetMath.Sign(p[i]));
                return;
            }
            Check.Length(velocity.Length, end, nameof(velocity));
            float keep = 1f - step.Dampening, nesterov = step.Nesterov ? 1f : 0f, first = step.FirstStep ? 1f : 0f;
            // With first = 1 the velocity starts as g; with nesterov = 1 the step is g + μ·v, else v.
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                for (; i <= end - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                {
                    var theta = new System.Numerics.Vector<float>(p.Slice(i));
                    var g = new System.Numerics.Vector<float>(gradients.Slice(i)) + l2 * theta + l1 * NetMath.Sign(theta);
                    var v = first == 1f ? g : momentum * new System.Numerics.Vector<float>(velocity.Slice(i)) + keep * g;
                    v.CopyTo(velocity.Slice(i));
                    (theta - learningRate * (nesterov == 1f ? g + momentum * v : v)).CopyTo(p.Slice(i));
                }
            }
#endif
            for (; i < end; i++)
            {
                float g = gradients[i] + l2 * p[i] + l1 * NetMath.Sign(p[i]);
                velocity[i] = first == 1f ? g : momentum * velocity[i] + keep * g;
                p[i] -= learningRate * (nesterov == 1f ? g + momentum * velocity[i] : velocity[i]);
            }
        }
    }
}
