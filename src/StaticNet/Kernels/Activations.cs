using System.Runtime.CompilerServices;
using System;
using System.ComponentModel;

namespace StaticNet.Kernels
{
    /// <summary>
    /// a = f(z) in place over the rows of a batch (sample s's row starts at stride·s), for columns
    /// <c>from</c> ≤ j &lt; <c>to</c>: the forward passes store z, then each activation runs over whole rows, vectorised.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Activations
    {
        /// <summary>a = σ(z) = 1 / (1 + e^−z).</summary>
        public static void Sigmoid(Span<float> values, int stride, int count, int from, int to)
        {
            for (int s = 0; s < count; s++) VectorMath.Sigmoid(Row(values, stride, s, from, to));
        }

        /// <summary>a = tanh(z).</summary>
        public static void Tanh(Span<float> values, int stride, int count, int from, int to)
        {
            for (int s = 0; s < count; s++) VectorMath.Tanh(Row(values, stride, s, from, to));
        }

        /// <summary>a = max(0, z).</summary>
        [MethodImpl(Jit.Optimized)]
        public static void ReLU(Span<float> values, int stride, int count, int from, int to)
        {
            for (int s = 0; s < count; s++) VectorMath.Relu(Row(values, stride, s, from, to));
        }

        /// <summary>a = z for z &gt; 0, else α·z.</summary>
        public static void LeakyReLU(Span<float> values, int stride, int count, int from, int to, float alpha)
        {
            for (int s = 0; s < count; s++) VectorMath.LeakyRelu(Row(values, stride, s, from, to), alpha);
        }

        /// <summary>a = z for z &gt; 0, else α·(e^z − 1).</summary>
        public static void ELU(Span<float> values, int stride, int count, int from, int to, float alpha)
        {
            for (int s = 0; s < count; s++)
            {
                Span<float> row = Row(values, stride, s, from, to);
                for (int j = 0; j < row.Length; j++) row[j] = NetMath.Elu(row[j], alpha);
            }
        }

        /// <summary>a = softmax(z) row by row: a_k = e^(z_k − max z) / Σ_j e^(z_j − max z), from the logits' rows into the activations'.</summary>
        [MethodImpl(Jit.Optimized)]
        public static void Softmax(ReadOnlySpan<float> logits, int logitStride, Span<float> values, int stride, int count, int size)
        {
            // Each row with the rest of the logits after it, so that the register softmaxes that read rows whole can (VectorMath.SoftmaxOfRow).
            for (int s = 0; s < count; s++) VectorMath.SoftmaxOfRow(logits.Slice(logitStride * s), size, values.Slice(stride * s, size));
        }

        private static Span<float> Row(Span<float> values, int stride, int s, int from, int to) => values.Slice(stride * s + from, to - from);
    }
}
