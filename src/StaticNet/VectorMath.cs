using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet
{
    /// <summary>
    /// Whole-row activation functions for generated code, vectorised by System.Numerics.Tensors'
    /// TensorPrimitives (SIMD polynomial approximations, accurate to a few float ulps: tested against MathF).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class VectorMath
    {
        /// <summary>values ← 1 / (1 + e^−values), in place.</summary>
        public static void Sigmoid(Span<float> values) => TensorPrimitives.Sigmoid(values, values);

        /// <summary>values ← tanh(values), in place.</summary>
        public static void Tanh(Span<float> values) => TensorPrimitives.Tanh(values, values);

        /// <summary>y = softmax(z): y_k = e^(z_k − max z) / Σ e^(z_j − max z). Subtracting the max keeps every e^z ≤ 1.</summary>
        public static void Softmax(ReadOnlySpan<float> z, Span<float> y)
        {
            float max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, y);
            TensorPrimitives.Exp(y, y);
            TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
        }
    }
}
