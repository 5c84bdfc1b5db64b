using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels
{
    /// <summary>
    /// δ ⊙= f'(z) in place over the rows of a batch (sample s's row starts at stride·s, <c>size</c> units), with f'
    /// written in terms of the stored activation a = f(z) (every activation here is monotonic with sign a = sign z), so
    /// backpropagation needs no z. The overloads with masks are for a layer with dropout: δ ⊙= mask ⊙ f'(a·keep), where
    /// a·keep undoes the 1/keep a kept unit was scaled by (a dropped unit's mask is 0). A vector of units and a single
    /// unit are computed with the same arithmetic, so the split between them changes no bit.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Derivatives
    {
        /// <summary>σ'(z) = a(1 − a).</summary>
        public static void Sigmoid(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size) => Apply(default(SigmoidDerivative), a, d, stride, count, size);

        /// <summary>tanh'(z) = 1 − a².</summary>
        public static void Tanh(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size) => Apply(default(TanhDerivative), a, d, stride, count, size);

        /// <summary>relu'(z) = 1 if z &gt; 0, else 0.</summary>
        public static void ReLU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size) => Apply(default(ReluDerivative), a, d, stride, count, size);

        /// <summary>f'(z) = 1 if z &gt; 0, else α.</summary>
        public static void LeakyReLU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, float alpha) => Apply(new LeakyReluDerivative(alpha), a, d, stride, count, size);

        /// <summary>elu'(z) = 1 if z &gt; 0, else a + α.</summary>
        public static void ELU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, float alpha) => Apply(new EluDerivative(alpha), a, d, stride, count, size);

        /// <summary>Dropout on an identity layer: δ ⊙= mask.</summary>
        public static void Dropout(ReadOnlySpan<float> masks, Span<float> d, int stride, int count, int size) => Apply(default(OneDerivative), masks, d, stride, count, size, masks, 1f);

        /// <summary>σ' through dropout: δ ⊙= mask ⊙ σ'(a·keep).</summary>
        public static void Sigmoid(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, ReadOnlySpan<float> masks, float keep)
            => Apply(default(SigmoidDerivative), a, d, stride, count, size, masks, keep);

        /// <summary>tanh' through dropout: δ ⊙= mask ⊙ tanh'(a·keep).</summary>
        public static void Tanh(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, ReadOnlySpan<float> masks, float keep)
            => Apply(default(TanhDerivative), a, d, stride, count, size, masks, keep);

        /// <summary>relu' through dropout: δ ⊙= mask ⊙ relu'(a·keep).</summary>
        public static void ReLU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, ReadOnlySpan<float> masks, float keep)
            => Apply(default(ReluDerivative), a, d, stride, count, size, masks, keep);

        /// <summary>LeakyReLU' through dropout: δ ⊙= mask ⊙ f'(a·keep).</summary>
        public static void LeakyReLU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, float alpha, ReadOnlySpan<float> masks, float keep)
            => Apply(new LeakyReluDerivative(alpha), a, d, stride, count, size, masks, keep);

        /// <summary>elu' through dropout: δ ⊙= mask ⊙ elu'(a·keep).</summary>
        public static void ELU(ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, float alpha, ReadOnlySpan<float> masks, float keep)
            => Apply(new EluDerivative(alpha), a, d, stride, count, size, masks, keep);

        /// <summary>One sample's row: δ ⊙= σ'(z) = a(1 − a).</summary>
        public static void Sigmoid(ReadOnlySpan<float> a, Span<float> d) => Sigmoid(a, d, a.Length, 1, a.Length);

        /// <summary>One sample's row: δ ⊙= tanh'(z) = 1 − a².</summary>
        public static void Tanh(ReadOnlySpan<float> a, Span<float> d) => Tanh(a, d, a.Length, 1, a.Length);

        /// <summary>One sample's row: δ ⊙= relu'(z).</summary>
        public static void ReLU(ReadOnlySpan<float> a, Span<float> d) => ReLU(a, d, a.Length, 1, a.Length);

        /// <summary>One sample's row: δ ⊙= f'(z) of LeakyReLU.</summary>
        public static void LeakyReLU(ReadOnlySpan<float> a, Span<float> d, float alpha) => LeakyReLU(a, d, a.Length, 1, a.Length, alpha);

        /// <summary>One sample's row: δ ⊙= elu'(z).</summary>
        public static void ELU(ReadOnlySpan<float> a, Span<float> d, float alpha) => ELU(a, d, a.Length, 1, a.Length, alpha);

        /// <summary>One sample's row through dropout: δ ⊙= mask ⊙ σ'(a·keep).</summary>
        public static void Sigmoid(ReadOnlySpan<float> a, Span<float> d, ReadOnlySpan<float> masks, float keep) => Sigmoid(a, d, a.Length, 1, a.Length, masks, keep);

        /// <summary>One sample's row through dropout: δ ⊙= mask ⊙ tanh'(a·keep).</summary>
        public static void Tanh(ReadOnlySpan<float> a, Span<float> d, ReadOnlySpan<float> masks, float keep) => Tanh(a, d, a.Length, 1, a.Length, masks, keep);

        /// <summary>One sample's row through dropout: δ ⊙= mask ⊙ relu'(a·keep).</summary>
        public static void ReLU(ReadOnlySpan<float> a, Span<float> d, ReadOnlySpan<float> masks, float keep) => ReLU(a, d, a.Length, 1, a.Length, masks, keep);

        /// <summary>One sample's row through dropout: δ ⊙= mask ⊙ f'(a·keep) of LeakyReLU.</summary>
        public static void LeakyReLU(ReadOnlySpan<float> a, Span<float> d, float alpha, ReadOnlySpan<float> masks, float keep)
            => LeakyReLU(a, d, a.Length, 1, a.Length, alpha, masks, keep);

        /// <summary>One sample's row through dropout: δ ⊙= mask ⊙ elu'(a·keep).</summary>
        public static void ELU(ReadOnlySpan<float> a, Span<float> d, float alpha, ReadOnlySpan<float> masks, float keep) => ELU(a, d, a.Length, 1, a.Length, alpha, masks, keep);

        /// <summary>One sample's row of an identity layer through dropout: δ ⊙= mask.</summary>
        public static void Dropout(ReadOnlySpan<float> masks, Span<float> d) => Dropout(masks, d, masks.Length, 1, masks.Length);

        [MethodImpl(Jit.Optimized)]
        private static void Apply<TDerivative>(TDerivative f, ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size) where TDerivative : struct, IDerivative
        {
            Check.Rows(a.Length, stride, count, size, nameof(a));
            Check.Rows(d.Length, stride, count, size, nameof(d));
            for (int s = 0; s < count; s++)
            {
                ref float ar = ref MemoryMarshal.GetReference(a.Slice(stride * s));
                ref float dr = ref MemoryMarshal.GetReference(d.Slice(stride * s));
                int i = 0;
#if NET8_0_OR_GREATER
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    for (; i <= size - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)  // a SIMD vector of units at a time
                    {
                        var derivative = f.Of(System.Numerics.Vector.LoadUnsafe(ref ar, (nuint)i));
                        System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector.LoadUnsafe(ref dr, (nuint)i) * derivative, ref dr, (nuint)i);
                    }
                }
#endif
                for (; i < size; i++) Unsafe.Add(ref dr, i) *= f.Of(Unsafe.Add(ref ar, i));
            }
        }

        [MethodImpl(Jit.Optimized)]
        private static void Apply<TDerivative>(TDerivative f, ReadOnlySpan<float> a, Span<float> d, int stride, int count, int size, ReadOnlySpan<float> masks, float keep)
            where TDerivative : struct, IDerivative
        {
            Check.Rows(a.Length, stride, count, size, nameof(a));
            Check.Rows(d.Length, stride, count, size, nameof(d));
            Check.Rows(masks.Length, stride, count, size, nameof(masks));
            for (int s = 0; s < count; s++)
            {
                ref float ar = ref MemoryMarshal.GetReference(a.Slice(stride * s));
                ref float dr = ref MemoryMarshal.GetReference(d.Slice(stride * s));
                ref float mr = ref MemoryMarshal.GetReference(masks.Slice(stride * s));
                int i = 0;
#if NET8_0_OR_GREATER
                if (System.Numerics.Vector.IsHardwareAccelerated)
                {
                    var scale = new System.Numerics.Vector<float>(keep);
                    for (; i <= size - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                    {
                        var derivative = f.Of(System.Numerics.Vector.LoadUnsafe(ref ar, (nuint)i) * scale);
                        var factor = System.Numerics.Vector.LoadUnsafe(ref mr, (nuint)i) * derivative;
                        System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector.LoadUnsafe(ref dr, (nuint)i) * factor, ref dr, (nuint)i);
                    }
                }
#endif
                for (; i < size; i++) Unsafe.Add(ref dr, i) *= Unsafe.Add(ref mr, i) * f.Of(Unsafe.Add(ref ar, i) * keep);
            }
        }

        /// <summary>f' of an activation from a = f(z), for one unit and for a vector of units, with the same arithmetic.</summary>
        private interface IDerivative
        {
            float Of(float a);

            System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a);
        }

        private readonly struct SigmoidDerivative : IDerivative
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => a * (1f - a);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a) => a * (System.Numerics.Vector<float>.One - a);
        }

        private readonly struct TanhDerivative : IDerivative
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => 1f - a * a;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a) => System.Numerics.Vector<float>.One - a * a;
        }

        private readonly struct ReluDerivative : IDerivative
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => a > 0f ? 1f : 0f;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a)
                => System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(a, System.Numerics.Vector<float>.Zero), System.Numerics.Vector<float>.One, System.Numerics.Vector<float>.Zero);
        }

        private readonly struct LeakyReluDerivative : IDerivative
        {
            private readonly float _alpha;

            public LeakyReluDerivative(float alpha) => _alpha = alpha;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => a > 0f ? 1f : _alpha;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a)
                => System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(a, System.Numerics.Vector<float>.Zero), System.Numerics.Vector<float>.One, new System.Numerics.Vector<float>(_alpha));
        }

        /// <summary>Below 0, a = α(e^z − 1), so f'(z) = α·e^z = a + α.</summary>
        private readonly struct EluDerivative : IDerivative
        {
            private readonly float _alpha;

            public EluDerivative(float alpha) => _alpha = alpha;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => a > 0f ? 1f : a + _alpha;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a)
                => System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(a, System.Numerics.Vector<float>.Zero), System.Numerics.Vector<float>.One, a + new System.Numerics.Vector<float>(_alpha));
        }

        /// <summary>f' = 1 (the identity): with the masks, δ ⊙= mask.</summary>
        private readonly struct OneDerivative : IDerivative
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public float Of(float a) => 1f;

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public System.Numerics.Vector<float> Of(System.Numerics.Vector<float> a) => System.Numerics.Vector<float>.One;
        }
    }
}
