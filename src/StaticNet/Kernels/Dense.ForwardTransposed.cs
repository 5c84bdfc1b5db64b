using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// z[s][j] = b[j] + Σ_i x[s][i]·Wᵀ[i][j] for samples s &lt; <paramref name="count"/>, from the layer's weights
        /// transposed and packed in panels as <see cref="TransposedWeights.Transpose"/> writes them: x[s][i] broadcast times
        /// row i of a panel into register accumulators, each panel one linear stream and no sum across lanes. Sample s's
        /// inputs start at <paramref name="inputStride"/>·s of <paramref name="inputs"/>, its z at <paramref name="zStride"/>·s
        /// of <paramref name="z"/>. In panels of 128 (512-bit vectors) each sample takes 128 outputs at a time; in panels of
        /// 16 (256-bit) one sample takes 64 (four panels at once) and a batch goes six samples × one panel at a time, so
        /// that each row of a panel is loaded once for six samples (then four, two, one for the rest). Unpacked ([inputs][rows]: no vector kernel for these
        /// rows here), the same sums term by term.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void ForwardTransposed(ReadOnlySpan<float> weightsTransposed, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, int inputStride,
            Span<float> z, int zStride, int count)
        {
            int rows = biases.Length;
            int n = rows == 0 ? 0 : weightsTransposed.Length / rows;
            Check.Layer(weightsTransposed.Length, n, rows);
            Check.Rows(inputs.Length, inputStride, count, n, nameof(inputs));
            Check.Rows(z.Length, zStride, count, rows, nameof(z));
            ref float w = ref MemoryMarshal.GetReference(weightsTransposed);
            ref float b = ref MemoryMarshal.GetReference(biases);
            ref float x = ref MemoryMarshal.GetReference(inputs);
            ref float zr = ref MemoryMarshal.GetReference(z);
#if NET8_0_OR_GREATER
            int panelWidth = TransposedWeights.PanelWidth(rows);
            if (panelWidth == 128)
            {
                for (int s = 0; s < count; s++)
                {
                    ref float xs = ref Unsafe.Add(ref x, inputStride * s);
                    ref float zs = ref Unsafe.Add(ref zr, zStride * s);
                    for (int j0 = 0; j0 < rows; j0 += 128) Kernel.BroadcastRows128x512(ref Unsafe.Add(ref w, j0 * n), ref b, ref xs, ref zs, n, j0);
                }
                return;
            }
            if (panelWidth == 16)
            {
                if (count == 1 && rows % 64 == 0)
                {
                    for (int j0 = 0; j0 < rows; j0 += 64) Kernel.BroadcastRows64x256(ref Unsafe.Add(ref w, j0 * n), ref b, ref x, ref zr, n, j0);
                    return;
                }
                for (int j0 = 0; j0 < rows; j0 += 16)  // one panel of 16 outputs at a time, every sample past it
                {
                    ref float panel = ref Unsafe.Add(ref w, j0 * n);
                    int s = 0;
                    for (; s + 6 <= count; s += 6) Kernel.BroadcastBlock16<Kernel.Samples6>(ref panel, ref b, ref Unsafe.Add(ref x, inputStride * s), inputStride, ref Unsafe.Add(ref zr, zStride * s), zStride, n, j0);
                    if (s + 4 <= count) { Kernel.BroadcastBlock16<Kernel.Samples4>(ref panel, ref b, ref Unsafe.Add(ref x, inputStride * s), inputStride, ref Unsafe.Add(ref zr, zStride * s), zStride, n, j0); s += 4; }
                    if (s + 2 <= count) { Kernel.BroadcastBlock16<Kernel.Samples2>(ref panel, ref b, ref Unsafe.Add(ref x, inputStride * s), inputStride, ref Unsafe.Add(ref zr, zStride * s), zStride, n, j0); s += 2; }
                    if (s < count) Kernel.BroadcastBlock16<Kernel.Samples1>(ref panel, ref b, ref Unsafe.Add(ref x, inputStride * s), inputStride, ref Unsafe.Add(ref zr, zStride * s), zStride, n, j0);
                }
                return;
            }
#endif
            for (int s = 0; s < count; s++)
            {
                ref float xs = ref Unsafe.Add(ref x, inputStride * s);
                ref float zs = ref Unsafe.Add(ref zr, zStride * s);
                for (int j = 0; j < rows; j++) Unsafe.Add(ref zs, j) = Unsafe.Add(ref b, j);
                for (int i = 0; i < n; i++)
                {
                    float xi = Unsafe.Add(ref xs, i);
                    for (int j = 0; j < rows; j++) Unsafe.Add(ref zs, j) += xi * Unsafe.Add(ref w, i * rows + j);
                }
            }
        }
    }
}
