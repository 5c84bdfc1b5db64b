using System;
using System.ComponentModel;
using System.Numerics.Tensors;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet
{
    /// <summary>
    /// Whole-row activation functions for generated code, vectorised by System.Numerics.Tensors'
    /// TensorPrimitives (SIMD polynomial approximations, accurate to a few float ulps: tested against MathF).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class VectorMath
    {
        /// <summary>values ← 1 / (1 + e^−values), in place.</summary>
        public static void Sigmoid(Span<float> values) => TensorPrimitives.Sigmoid(values, values);

        /// <summary>values ← tanh(values), in place.</summary>
        public static void Tanh(Span<float> values) => TensorPrimitives.Tanh(values, values);

        /// <summary>
        /// values ← max(0, values), in place, exactly as the scalar z &gt; 0 ? z : 0 (NaN and −0 give +0), a SIMD vector
        /// at a time. Done per element in the loops that compute z, the comparison is a branch that real data
        /// mispredicts about every other unit (measured: 26 µs of a 64-sample 784-128-10 batch's 172 µs pass).
        /// </summary>
        public static void Relu(Span<float> values)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                ref float first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
                for (; i <= values.Length - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                {
                    var z = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)i);
                    var a = System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(z, System.Numerics.Vector<float>.Zero), z, System.Numerics.Vector<float>.Zero);
                    System.Numerics.Vector.StoreUnsafe(a, ref first, (nuint)i);
                }
            }
#endif
            for (; i < values.Length; i++) values[i] = values[i] > 0f ? values[i] : 0f;
        }

        /// <summary>
        /// tanh of four neurons at once, for the straight-line code of tiny networks: one vector evaluation (the lanes'
        /// polynomial, <c>Tanh(Vector128)</c>) instead of four calls into the C library; one at a time without SIMD.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void Tanh(float z0, float z1, float z2, float z3, out float a0, out float a1, out float a2, out float a3)
        {
#if NET8_0_OR_GREATER
            if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                var lanes = Tanh(System.Runtime.Intrinsics.Vector128.Create(z0, z1, z2, z3));
                a0 = lanes[0]; a1 = lanes[1]; a2 = lanes[2]; a3 = lanes[3];
                return;
            }
#endif
            a0 = NetMath.Tanh(z0); a1 = NetMath.Tanh(z1); a2 = NetMath.Tanh(z2); a3 = NetMath.Tanh(z3);
        }

        /// <summary>The sigmoid of four neurons at once (see <see cref="Tanh(float, float, float, float, out float, out float, out float, out float)"/>).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void Sigmoid(float z0, float z1, float z2, float z3, out float a0, out float a1, out float a2, out float a3)
        {
#if NET8_0_OR_GREATER
            if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                var lanes = Sigmoid(System.Runtime.Intrinsics.Vector128.Create(z0, z1, z2, z3));
                a0 = lanes[0]; a1 = lanes[1]; a2 = lanes[2]; a3 = lanes[3];
                return;
            }
#endif
            a0 = NetMath.Sigmoid(z0); a1 = NetMath.Sigmoid(z1); a2 = NetMath.Sigmoid(z2); a3 = NetMath.Sigmoid(z3);
        }

        /// <summary>values ← values &gt; 0 ? values : α·values, in place, exactly as the scalar form, a SIMD vector at a time.</summary>
        public static void LeakyRelu(Span<float> values, float alpha)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                ref float first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
                var slope = new System.Numerics.Vector<float>(alpha);
                for (; i <= values.Length - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                {
                    var z = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)i);
                    var a = System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThan(z, System.Numerics.Vector<float>.Zero), z, slope * z);
                    System.Numerics.Vector.StoreUnsafe(a, ref first, (nuint)i);
                }
            }
#endif
            for (; i < values.Length; i++) values[i] = NetMath.LeakyReLU(values[i], alpha);
        }

        /// <summary>
        /// Cross-entropy −Σ t·log softmax(z) = Σ t·(log Σ e^z − z), given the logits z and the softmax y the
        /// forward pass already computed, so no exponential is taken twice: since y_k = e^(z_k) / Σ e^z,
        /// log Σ e^z = z_k − log y_k for any k, and the largest y_k (at least 1/n) keeps that log exact
        /// and finite (as stable as nn.CrossEntropyLoss's log-sum-exp).
        /// </summary>
        public static float CrossEntropy(ReadOnlySpan<float> z, ReadOnlySpan<float> y, ReadOnlySpan<float> t)
        {
            int k = 0;
            for (int i = 1; i < y.Length; i++)
            {
                if (y[i] > y[k]) k = i;
            }
            float logSumExp = z[k] - NetMath.Log(y[k]);
            float loss = 0f;
            for (int i = 0; i < t.Length; i++) loss += t[i] * (logSumExp - z[i]);
            return loss;
        }

        /// <summary>
        /// y = softmax(z): y_k = e^(z_k − max z) / Σ e^(z_j − max z). Subtracting the max keeps every e^z ≤ 1. Up to 16
        /// values (a classifier's outputs, usually) stay in registers: one 512-bit vector on AVX-512 machines
        /// (<c>SoftmaxOf16x512</c>), two 256-bit ones on AVX2 machines (<c>SoftmaxOf16x256</c>), else four 128-bit ones
        /// (<c>SoftmaxOfFew</c>), instead of TensorPrimitives' five passes.
        /// </summary>
        public static void Softmax(ReadOnlySpan<float> z, Span<float> y) => SoftmaxOfRow(z, z.Length, y);

        /// <summary>
        /// y = softmax of the first <paramref name="n"/> floats of <paramref name="readable"/>, which may run past them
        /// (a batch's later rows): where 16 floats are there, the 512- and 128-bit register softmaxes read the row with
        /// whole-vector loads and set the lanes from n on to −∞, else (and on the 256-bit path always) they load whole
        /// groups of four and build the last vector lane by lane.
        /// In a batch, rows read the second way ran at one of two speeds depending on the process; rows read whole ran at
        /// the faster one in every process (docs/performance.md, eleventh round). Past 16 logits, TensorPrimitives' passes
        /// over y[0 … n − 1] only.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(StaticNet.Kernels.Jit.Optimized)]
        internal static void SoftmaxOfRow(ReadOnlySpan<float> readable, int n, Span<float> y)
        {
#if NET8_0_OR_GREATER
            if (Vector128.IsHardwareAccelerated && n <= FewLogits && n > 0 && y.Length >= n)
            {
                if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported) SoftmaxOf16x512(readable, n, y);
                else if (Vector256.IsHardwareAccelerated) SoftmaxOf16x256(readable, n, y);
                else SoftmaxOfFew(readable, n, y);
                return;
            }
#endif
            ReadOnlySpan<float> z = readable.Slice(0, n);
            Span<float> p = y.Slice(0, n);
            float max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, p);
            TensorPrimitives.Exp(p, p);
            TensorPrimitives.Multiply(p, 1f / TensorPrimitives.Sum(p), p);
        }
    }
}
