using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Kernels
{
    /// <summary>
    /// The batched passes of one Dense layer with TIn inputs, for generated networks: the forward pass z = W·x + b,
    /// backpropagation δ_below = Wᵀ·δ, the weight and bias gradients Σ δ·xᵀ and Σ δ, and one sample's SGD step. Each is
    /// a loop nest over blocks of rows and samples around the fixed-size kernels (<see cref="Kernel"/>), compiled by the
    /// JIT for the layer's input size. Rows and samples go four at a time; a sample's results depend only on whether it
    /// is in a block of four, so a batch split by <c>BlockSplit</c> gives the same bits as the whole batch.
    /// </summary>
    /// <remarks>
    /// The kernels read memory without bounds checks, so every entry point checks its spans once against the sizes it
    /// was given (<see cref="ArgumentException"/> otherwise).
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class Dense
    {
        /// <summary>Inputs of at least this many go through the vector kernels; fewer are multiplied out term by term.</summary>
        internal const int KernelThreshold = 4;

        /// <summary>Bytes of weight rows kept in L1 while a batch streams past (half of a 32 KB L1, the rest for the samples).</summary>
        private const int RowTileBytes = 16 * 1024;

        /// <summary>
        /// z[s][j] = b[j] + Σ_i W[j][i]·x[s][i] for samples s &lt; <paramref name="count"/> and rows
        /// <paramref name="rowStart"/> ≤ j &lt; <paramref name="rowEnd"/>. Sample s's inputs start at
        /// <paramref name="inputStride"/>·s of <paramref name="inputs"/>, its z at <paramref name="zStride"/>·s of
        /// <paramref name="z"/>; <paramref name="weights"/> holds the layer's rows (row j: the weights into neuron j),
        /// <paramref name="biases"/> one bias per row. Blocks of four samples × four rows go through a 4 × 4 register
        /// block, so each chunk of a weight row is loaded once per four samples; layers too large for L1 are taken a tile
        /// of rows at a time.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void Forward<TIn>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, int inputStride,
            Span<float> z, int zStride, int count, int rowStart, int rowEnd) where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value, rows = biases.Length;
            Check.Layer(weights.Length, n, rows);
            Check.RowRange(rowStart, rowEnd, rows);
            Check.Rows(inputs.Length, inputStride, count, n, nameof(inputs));
            Check.Rows(z.Length, zStride, count, rows, nameof(z));
            if (count == 0 || rowStart == rowEnd) return;
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float b = ref MemoryMarshal.GetReference(biases);
            ref float x = ref MemoryMarshal.GetReference(inputs);
            ref float zr = ref MemoryMarshal.GetReference(z);
            if (n < KernelThreshold)
            {
                ForwardTermByTerm(ref w, ref b, ref x, inputStride, ref zr, zStride, count, n, rowStart, rowEnd);
                return;
            }
            int tile = RowTile(n);
            for (int j0 = rowStart; j0 < rowEnd; j0 += tile)  // a tile of rows stays in L1 while the batch streams past
            {
                int j1 = Math.Min(j0 + tile, rowEnd);
                int s = 0;
                for (; s + 3 < count; s += 4)  // four samples per pass over each row
                {
                    ForwardFourSamples<TIn>(ref w, ref b, ref Unsafe.Add(ref x, inputStride * s), inputStride, ref Unsafe.Add(ref zr, zStride * s), zStride, j0, j1);
                }
                for (; s < count; s++) ForwardOneSample<TIn>(ref w, ref b, ref Unsafe.Add(ref x, inputStride * s), ref Unsafe.Add(ref zr, zStride * s), j0, j1, rows);
            }
        }

        /// <summary>
        /// Rows j0 … j1 − 1 of z for four samples, four rows × four samples per 4 × 4 register block (each chunk of a
        /// weight row loaded once for four samples, each chunk of a sample once for four rows), the last rows one at a time.
        /// A root of its own, so that its kernel gets the JIT's whole inlining budget.
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]
        private static void ForwardFourSamples<TIn>(ref float w, ref float b, ref float x0, int inputStride, ref float z0, int zStride, int j0, int j1)
            where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value;
            ref float x1 = ref Unsafe.Add(ref x0, inputStride);
            ref float x2 = ref Unsafe.Add(ref x1, inputStride);
            ref float x3 = ref Unsafe.Add(ref x2, inputStride);
            Span<float> block = stackalloc float[16];  // the block's sums, sample by sample
            ref float sums = ref MemoryMarshal.GetReference(block);
            int j = j0;
            for (; j + 3 < j1; j += 4)
            {
                Kernel.DotBlock<TIn>(ref Unsafe.Add(ref w, n * j), ref x0, ref x1, ref x2, ref x3, ref sums);
                StoreBlock(ref sums, ref Unsafe.Add(ref b, j), ref Unsafe.Add(ref z0, j), zStride);
            }
            for (; j < j1; j++) ForwardFourSamplesOneRow<TIn>(ref Unsafe.Add(ref w, n * j), Unsafe.Add(ref b, j), ref x0, inputStride, ref Unsafe.Add(ref z0, j), zStride);
        }

        /// <summary>
        /// One row of z for four samples (a layer's last rows, after its blocks of four). Each kernel is a root of its own:
        /// the JIT's inlining budget, which counts a generic kernel's IL for every size it could take, holds one at a time.
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]
        private static void ForwardFourSamplesOneRow<TIn>(ref float row, float bias, ref float x0, int inputStride, ref float z0, int zStride) where TIn : struct, IFixedLength
        {
            ref float x1 = ref Unsafe.Add(ref x0, inputStride);
            ref float x2 = ref Unsafe.Add(ref x1, inputStride);
            ref float x3 = ref Unsafe.Add(ref x2, inputStride);
            Kernel.DotX4<TIn>(ref row, ref x0, ref x1, ref x2, ref x3, out float d0, out float d1, out float d2, out float d3);
            z0 = bias + d0;
            Unsafe.Add(ref z0, zStride) = bias + d1;
            Unsafe.Add(ref z0, 2 * zStride) = bias + d2;
            Unsafe.Add(ref z0, 3 * zStride) = bias + d3;
        }

        /// <summary>
        /// Rows j0 … j1 − 1 of z for one sample (of a layer with <paramref name="rows"/> rows): sixteen rows per pass over
        /// it where that pays (short rows on AVX-512 machines: Kernel.SixteenRowsPay), then four (each chunk of x loaded
        /// once for four rows), the last rows one at a time. The groups of sixteen are counted from row 0, and one cut by
        /// the range is computed whole and stored in part, so each row's kernel, and so its bits, do not depend on the
        /// range: a layer split by rows across threads gives the bits of the whole layer.
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]
        private static void ForwardOneSample<TIn>(ref float w, ref float b, ref float xs, ref float zs, int j0, int j1, int rows) where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value;
            int j = j0;
#if NET8_0_OR_GREATER
            if (Kernel.SixteenRowsPay<TIn>())
            {
                int whole = rows / 16 * 16;  // the rows in groups of sixteen
                for (int g = j0 / 16 * 16; g < j1 && g < whole; g += 16)
                {
                    Vector512<float> z16 = Kernel.DotRows16x512<TIn>(ref Unsafe.Add(ref w, n * g), ref xs) + Vector512.LoadUnsafe(ref b, (nuint)g);
                    if (g >= j0 && g + 16 <= j1) Vector512.StoreUnsafe(z16, ref zs, (nuint)g);
                    else for (int k = Math.Max(g, j0); k < Math.Min(g + 16, j1); k++) Unsafe.Add(ref zs, k) = z16.GetElement(k - g);
                }
                j = Math.Max(j0, whole);
            }
#endif
            for (; j + 3 < j1; j += 4)
            {
                Kernel.DotRows4<TIn>(ref Unsafe.Add(ref w, n * j), ref xs, out float d0, out float d1, out float d2, out float d3);
                Unsafe.Add(ref zs, j) = Unsafe.Add(ref b, j) + d0;
                Unsafe.Add(ref zs, j + 1) = Unsafe.Add(ref b, j + 1) + d1;
                Unsafe.Add(ref zs, j + 2) = Unsafe.Add(ref b, j + 2) + d2;
                Unsafe.Add(ref zs, j + 3) = Unsafe.Add(ref b, j + 3) + d3;
            }
            for (; j < j1; j++) Unsafe.Add(ref zs, j) = Unsafe.Add(ref b, j) + DotOneRow<TIn>(ref Unsafe.Add(ref w, n * j), ref xs);
        }

        /// <summary>One row of W against one sample (a layer's last rows), a root of its own like <see cref="ForwardFourSamplesOneRow"/>.</summary>
        [MethodImpl(Jit.OwnRoot)]
        private static float DotOneRow<TIn>(ref float row, ref float x) where TIn : struct, IFixedLength => Kernel.Dot<TIn>(ref row, ref x);

        /// <summary>z of four samples × four rows: sample q's four sums (sums[4q … 4q + 3]) plus the four biases, into its z row.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreBlock(ref float sums, ref float biases, ref float z0, int zStride)
        {
#if NET8_0_OR_GREATER
            if (Vector128.IsHardwareAccelerated)
            {
                Vector128<float> bias = Vector128.LoadUnsafe(ref biases);
                for (int q = 0; q < 4; q++) Vector128.StoreUnsafe(Vector128.LoadUnsafe(ref sums, (nuint)(4 * q)) + bias, ref Unsafe.Add(ref z0, zStride * q));
                return;
            }
#endif
            for (int q = 0; q < 4; q++)
            {
                for (int r = 0; r < 4; r++) Unsafe.Add(ref z0, zStride * q + r) = Unsafe.Add(ref biases, r) + Unsafe.Add(ref sums, 4 * q + r);
            }
        }

        /// <summary>Layers of fewer than four inputs: each z written out as b + w_0·x_0 + w_1·x_1 + …</summary>
        [MethodImpl(Jit.Optimized)]
        private static void ForwardTermByTerm(ref float w, ref float b, ref float x, int inputStride, ref float z, int zStride, int count, int n, int rowStart, int rowEnd)
        {
            for (int s = 0; s < count; s++)
            {
                ref float xs = ref Unsafe.Add(ref x, inputStride * s);
                for (int j = rowStart; j < rowEnd; j++)
                {
                    ref float row = ref Unsafe.Add(ref w, n * j);
                    float sum = Unsafe.Add(ref b, j);
                    for (int i = 0; i < n; i++) sum += Unsafe.Add(ref row, i) * Unsafe.Add(ref xs, i);
                    Unsafe.Add(ref z, zStride * s + j) = sum;
                }
            }
        }

        /// <summary>How many rows of n weights fit the L1 budget: a multiple of 4, at least 4.</summary>
        private static int RowTile(int n)
        {
            int rows = RowTileBytes / (4 * n) / 4 * 4;
            return rows < 4 ? 4 : rows;
        }
    }
}
