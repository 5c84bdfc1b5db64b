using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// z[j] = b[j] + Σ_i x[i]·Wᵀ[i][j] for one sample, from the layer's weights transposed and packed in panels as
        /// <see cref="TransposedWeights.Transpose"/> writes them: broadcast x[i] times row i of a panel, 128 outputs at a
        /// time (64 with 256-bit vectors), into register accumulators, each panel one linear stream. Rows that are not a
        /// whole number of those panels, or a machine without the vectors, take the same sums term by term from [inputs][rows].
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void ForwardTransposed(ReadOnlySpan<float> weightsTransposed, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> z)
        {
            int n = input.Length, rows = biases.Length;
            Check.Layer(weightsTransposed.Length, n, rows);
            Check.Length(z.Length, rows, nameof(z));
            ref float w = ref MemoryMarshal.GetReference(weightsTransposed);
            ref float b = ref MemoryMarshal.GetReference(biases);
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float zr = ref MemoryMarshal.GetReference(z);
#if NET8_0_OR_GREATER
            int width = TransposedWeights.Width(rows);
            if (width == 512)
            {
                for (int j0 = 0; j0 < rows; j0 += 128) Kernel.BroadcastRows128x512(ref Unsafe.Add(ref w, j0 * n), ref b, ref x, ref zr, n, j0);
                return;
            }
            if (width == 256)
            {
                for (int j0 = 0; j0 < rows; j0 += 64) Kernel.BroadcastRows64x256(ref Unsafe.Add(ref w, j0 * n), ref b, ref x, ref zr, n, j0);
                return;
            }
#endif
            for (int j = 0; j < rows; j++) Unsafe.Add(ref zr, j) = Unsafe.Add(ref b, j);
            for (int i = 0; i < n; i++)
            {
                float xi = Unsafe.Add(ref x, i);
                for (int j = 0; j < rows; j++) Unsafe.Add(ref zr, j) += xi * Unsafe.Add(ref w, i * rows + j);
            }
        }
    }
}
