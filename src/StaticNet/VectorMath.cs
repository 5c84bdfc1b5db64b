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

        /// <summary>
        /// Cross-entropy from logits, −Σ t·log softmax(z) = Σ t·(log Σ e^z − z), with log Σ e^z taken as
        /// max z + log Σ e^(z − max z) so nothing overflows (as nn.CrossEntropyLoss).
        /// </summary>
        public static float CrossEntropy(ReadOnlySpan<float> z, ReadOnlySpan<float> t)
        {
            float max = TensorPrimitives.Max(z);
            if (z.Length > 256)
            {
                // Too many classes for a stack buffer: the same formula one value at a time, still allocation-free.
                float sumExp = 0f;
                for (int k = 0; k < z.Length; k++) sumExp += NetMath.Exp(z[k] - max);
                float lse = max + NetMath.Log(sumExp), loss = 0f;
                for (int k = 0; k < z.Length; k++) loss += t[k] * (lse - z[k]);
                return loss;
            }
            Span<float> work = stackalloc float[z.Length];
            TensorPrimitives.Subtract(z, max, work);
            TensorPrimitives.Exp(work, work);
            float logSumExp = max + NetMath.Log(TensorPrimitives.Sum(work));
            TensorPrimitives.Subtract(z, logSumExp, work);   // log softmax(z) = z − log Σ e^z
            return -TensorPrimitives.Dot(t, work);
        }

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
