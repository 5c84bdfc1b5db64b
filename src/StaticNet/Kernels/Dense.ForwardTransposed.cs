using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// z[s][j] = b[j] + Σ_i x[s][i]·Wᵀ[i][j] for samples s &lt; <paramref name="count"/>, from the layer's weights
        /// transposed and packed in panels as <see cref="TransposedWeights.Transpose"/> writes them: x[s][i] broadcast times
        /// row i of a panel into register accumulators, each panel one linear stream and no sum across lanes. Sample s's
        /// inputs start at <paramref name="inputStride"/>·s of <paramref name="inputs"/>, its z at <paramref name="zStride"/>·s
        /// of <paramref name="z"/>. One sample takes 128 outputs at a time from a panel of 128 (512-bit vectors), or 64 from four
        /// panels of 16 (256-bit); in panels of 32 it goes as a batch of one. A batch is register-blocked over samples and outputs so that each row of a panel is loaded
        /// once per block of samples: 8 samples × 32 outputs with 512-bit vectors, 6 × 16 with 256-bit (then four, two, one
        /// for the rest). Unpacked ([inputs][rows]: no vector kernel for these rows here), the same sums term by term.
        /// Rows whose input is exactly 0 are not read: one sample's (its groups of 16 with at most one zero are read
        /// straight through), a block's where every one of its samples has a 0 (RowRuns), each sample's in
        /// the term-by-term sums. With finite weights the sums are the same bit for bit (but for the sign of a zero sum);
        /// a NaN or ∞ weight in a row not read does not reach z (TransposedWeights builds no copy of such weights).
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
            if (TransposedWeights.HasBatchKernel(rows))  // every packed layout has a block kernel on the machine that packs it
            {
                int panelWidth = TransposedWeights.PanelWidth(rows);
                if (count == 1 && panelWidth == 128)
                {
                    for (int j0 = 0; j0 < rows; j0 += 128) Kernel.BroadcastRows128x512(ref Unsafe.Add(ref w, j0 * n), ref b, ref x, ref zr, n, j0);
                }
                else if (count == 1 && panelWidth == 16 && rows % 64 == 0)
                {
                    for (int j0 = 0; j0 < rows; j0 += 64) Kernel.BroadcastRows64x256(ref Unsafe.Add(ref w, j0 * n), ref b, ref x, ref zr, n, j0);
                }
                else if (Vector512.IsHardwareAccelerated)
                {
                    ForwardBlocks32(ref w, ref b, ref x, inputStride, ref zr, zStride, count, n, rows, panelWidth);
                }
                else
                {
                    ForwardBlocks16(ref w, ref b, ref x, inputStride, ref zr, zStride, count, n, rows);
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
                    if (xi == 0) continue;  // one sample at a time here, so its zeros skip their rows as in the one-sample kernels
                    for (int j = 0; j < rows; j++) Unsafe.Add(ref zs, j) += xi * Unsafe.Add(ref w, i * rows + j);
                }
            }
        }

#if NET8_0_OR_GREATER
        /// <summary>Samples per chunk of a batch: each block's <see cref="RowRuns"/> of a chunk are found once, before its passes over the outputs.</summary>
        private const int ChunkSamples = 64;

        /// <summary>Blocks one chunk can take: full blocks of six (the smaller full block), then four, two and one.</summary>
        private const int MaxBlocks = ChunkSamples / 6 + 3;

        /// <summary>
        /// A batch with 512-bit vectors: 32 outputs at a time (two vectors of a panel of 32 or 128, or two panels of 16), every
        /// sample past them in blocks of eight, then four, two and one; 64 samples at a time, each block reading only the
        /// rows its <see cref="RowRuns"/> name.
        /// </summary>
        [MethodImpl(Jit.Optimized), SkipLocalsInit]
        private static void ForwardBlocks32(ref float w, ref float b, ref float x, int inputStride, ref float z, int zStride, int count, int n, int rows, int panelWidth)
        {
            Span<int> runs = stackalloc int[MaxBlocks * RowRuns.PerBlock];
            Span<int> runCounts = stackalloc int[MaxBlocks];
            ref int r = ref MemoryMarshal.GetReference(runs);
            nint half = panelWidth == 16 ? 16 * n : 16;  // where outputs j0 + 16 … j0 + 31 of row i start, from j0's
            for (int c0 = 0; c0 < count; c0 += ChunkSamples)
            {
                int chunk = Math.Min(ChunkSamples, count - c0);
                ref float xc = ref Unsafe.Add(ref x, inputStride * c0);
                ref float zc = ref Unsafe.Add(ref z, zStride * c0);
                int blocks = FindRuns(ref xc, inputStride, chunk, 8, n, ref r, runCounts);
                for (int j0 = 0; j0 < rows; j0 += 32)
                {
                    ref float panel = ref Unsafe.Add(ref w, (j0 - j0 % panelWidth) * n + j0 % panelWidth);  // output j0 of input 0
                    for (int k = 0, s = 0; k < blocks; k++)
                    {
                        ref float xs = ref Unsafe.Add(ref xc, inputStride * s);
                        ref float zs = ref Unsafe.Add(ref zc, zStride * s);
                        ref int blockRuns = ref Unsafe.Add(ref r, k * RowRuns.PerBlock);
                        int size = BlockSize(chunk - s, 8);
                        if (size == 8) Kernel.BroadcastBlock32<Kernel.Samples8>(ref panel, panelWidth, half, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else if (size == 4) Kernel.BroadcastBlock32<Kernel.Samples4>(ref panel, panelWidth, half, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else if (size == 2) Kernel.BroadcastBlock32<Kernel.Samples2>(ref panel, panelWidth, half, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else Kernel.BroadcastBlock32<Kernel.Samples1>(ref panel, panelWidth, half, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        s += size;
                    }
                }
            }
        }

        /// <summary>
        /// A batch with 256-bit vectors (AVX2): one panel of 16 outputs at a time, every sample past it in blocks of six, then
        /// four, two and one; 64 samples at a time, each block reading only the rows its <see cref="RowRuns"/> name.
        /// </summary>
        [MethodImpl(Jit.Optimized), SkipLocalsInit]
        private static void ForwardBlocks16(ref float w, ref float b, ref float x, int inputStride, ref float z, int zStride, int count, int n, int rows)
        {
            Span<int> runs = stackalloc int[MaxBlocks * RowRuns.PerBlock];
            Span<int> runCounts = stackalloc int[MaxBlocks];
            ref int r = ref MemoryMarshal.GetReference(runs);
            for (int c0 = 0; c0 < count; c0 += ChunkSamples)
            {
                int chunk = Math.Min(ChunkSamples, count - c0);
                ref float xc = ref Unsafe.Add(ref x, inputStride * c0);
                ref float zc = ref Unsafe.Add(ref z, zStride * c0);
                int blocks = FindRuns(ref xc, inputStride, chunk, 6, n, ref r, runCounts);
                for (int j0 = 0; j0 < rows; j0 += 16)
                {
                    ref float panel = ref Unsafe.Add(ref w, j0 * n);
                    for (int k = 0, s = 0; k < blocks; k++)
                    {
                        ref float xs = ref Unsafe.Add(ref xc, inputStride * s);
                        ref float zs = ref Unsafe.Add(ref zc, zStride * s);
                        ref int blockRuns = ref Unsafe.Add(ref r, k * RowRuns.PerBlock);
                        int size = BlockSize(chunk - s, 6);
                        if (size == 6) Kernel.BroadcastBlock16<Kernel.Samples6>(ref panel, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else if (size == 4) Kernel.BroadcastBlock16<Kernel.Samples4>(ref panel, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else if (size == 2) Kernel.BroadcastBlock16<Kernel.Samples2>(ref panel, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        else Kernel.BroadcastBlock16<Kernel.Samples1>(ref panel, ref b, ref xs, inputStride, ref zs, zStride, ref blockRuns, runCounts[k], j0);
                        s += size;
                    }
                }
            }
        }

        /// <summary>The samples in the next block, with <paramref name="left"/> samples left: a full block, else four, two or one.</summary>
        private static int BlockSize(int left, int full) => left >= full ? full : left >= 4 ? 4 : left >= 2 ? 2 : 1;

        /// <summary>Each block's <see cref="RowRuns"/> for a chunk of samples, in the order the passes take the blocks; returns the number of blocks.</summary>
        private static int FindRuns(ref float x, int inputStride, int chunk, int full, int n, ref int runs, Span<int> runCounts)
        {
            int blocks = 0;
            for (int s = 0; s < chunk; blocks++)
            {
                int size = BlockSize(chunk - s, full);
                runCounts[blocks] = RowRuns.Find(ref Unsafe.Add(ref x, inputStride * s), inputStride, size, n, ref Unsafe.Add(ref runs, blocks * RowRuns.PerBlock));
                s += size;
            }
            return blocks;
        }
#endif
    }
}
