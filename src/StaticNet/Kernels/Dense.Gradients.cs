using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Training;

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// ∂L/∂W += Σ_s δ[s]·x[s]ᵀ and ∂L/∂b += Σ_s δ[s] over <paramref name="count"/> samples, into
        /// <paramref name="gradients"/> (the whole gradient vector: the layer's weights from <paramref name="weightOffset"/>,
        /// its <paramref name="rows"/> biases from <paramref name="biasOffset"/>), for the rows of part <paramref name="part"/>
        /// of <paramref name="parts"/> (<see cref="BlockSplit"/>, whole blocks of four, so every row takes the same path
        /// whatever the split and threads can share the rows). With <paramref name="clear"/> the sums start from zero.
        /// With an <paramref name="update"/>, each tile of weight rows is handed to the optimizer as soon as its sums are
        /// complete, and the part's biases after the last tile; when that step is plain SGD, the kernels instead subtract
        /// η·Σ from the weight rows of <paramref name="parameters"/> themselves and hand over only the biases. Layers of four
        /// or more inputs sum four rows at a time over all samples in registers (<see cref="Kernel.OuterRows4"/>), so no
        /// gradient row is cleared, reloaded or stored more than once.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void Gradients<TIn>(ReadOnlySpan<float> inputs, int inputStride, ReadOnlySpan<float> deltas, int deltaStride, int count,
            Span<float> parameters, Span<float> gradients, int weightOffset, int biasOffset, int rows, int part, int parts, bool clear, IParameterRangeUpdate? update)
            where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value;
            Guard.Part(part, parts);
            Check.Length(gradients.Length, parameters.Length, nameof(gradients));
            Guard.Range(weightOffset, rows * n, parameters.Length, nameof(weightOffset));
            Guard.Range(biasOffset, rows, parameters.Length, nameof(biasOffset));
            Check.Rows(inputs.Length, inputStride, count, n, nameof(inputs));
            Check.Rows(deltas.Length, deltaStride, count, rows, nameof(deltas));
            int rowStart = BlockSplit.Start(rows, part, parts), rowEnd = BlockSplit.Start(rows, part + 1, parts);
            if (count == 0 || rowStart == rowEnd) return;
            ref float x = ref MemoryMarshal.GetReference(inputs);
            ref float d = ref MemoryMarshal.GetReference(deltas);
            Span<float> biasGradients = gradients.Slice(biasOffset + rowStart, rowEnd - rowStart);
            int tile = RowTile(n);
            if (n < KernelThreshold)
            {
                if (clear) biasGradients.Clear();
                for (int j0 = rowStart; j0 < rowEnd; j0 += tile)
                {
                    int j1 = Math.Min(j0 + tile, rowEnd);
                    Span<float> rowGradients = gradients.Slice(weightOffset + n * j0, n * (j1 - j0));
                    if (clear) rowGradients.Clear();
                    for (int s = 0; s < count; s++)
                    {
                        for (int j = j0; j < j1; j++)
                        {
                            float delta = Unsafe.Add(ref d, deltaStride * s + j);
                            for (int i = 0; i < n; i++) rowGradients[n * (j - j0) + i] += delta * Unsafe.Add(ref x, inputStride * s + i);
                            biasGradients[j - rowStart] += delta;
                        }
                    }
                    update?.Apply(weightOffset + n * j0, rowGradients);  // these rows' sums are complete
                }
                update?.Apply(biasOffset + rowStart, biasGradients);
                return;
            }
            BiasGradients(ref d, deltaStride, count, biasGradients, rowStart, clear);
            // Plain SGD's step needs nothing but the finished sum, so the kernels take it themselves on the weight rows:
            // the gradient is neither stored nor read back. Any other step gets each range from update.Apply.
            float rate = clear && update != null ? update.PlainSgdLearningRate : 0f;
            bool finite = true;  // whether every sum the kernels stepped with was finite
            for (int j0 = rowStart; j0 < rowEnd; j0 += tile)  // a tile of gradient rows stays in L1 for the optimizer step
            {
                int j1 = Math.Min(j0 + tile, rowEnd);
                // The rows' gradients, or with plain SGD the weight rows themselves
                Span<float> target = (rate != 0f ? parameters : gradients).Slice(weightOffset + n * j0, n * (j1 - j0));
                finite &= GradientRows<TIn>(ref d, deltaStride, ref x, inputStride, count, ref MemoryMarshal.GetReference(target), j0, j1, clear, rate);
                if (update != null && rate == 0f) update.Apply(weightOffset + n * j0, target);  // these rows' sums are complete
            }
            if (!finite) update!.ReportNonFinite();  // only a kernel that stepped can say false: update is set
            update?.Apply(biasOffset + rowStart, biasGradients);
        }

        /// <summary>
        /// Rows j0 … j1 − 1 of the weight gradients (or, with a <paramref name="rate"/>, of the weights themselves, stepped) into
        /// <paramref name="y"/>, which starts at row j0: four rows at a time, every sample streaming past, then one at a time.
        /// Whether every stepped sum was finite. A root of its own, so that its kernel gets the JIT's whole inlining budget.
        /// </summary>
        [MethodImpl(Jit.OwnRoot)]
        private static bool GradientRows<TIn>(ref float d, int deltaStride, ref float x, int inputStride, int count, ref float y, int j0, int j1, bool clear, float rate)
            where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value;
            bool finite = true;
            int j = j0;
            for (; j + 3 < j1; j += 4) finite &= Kernel.OuterRows4<TIn>(ref Unsafe.Add(ref d, j), deltaStride, ref x, inputStride, count, ref Unsafe.Add(ref y, n * (j - j0)), clear, rate);
            for (; j < j1; j++) finite &= GradientRow<TIn>(ref Unsafe.Add(ref d, j), deltaStride, ref x, inputStride, count, ref Unsafe.Add(ref y, n * (j - j0)), clear, rate);
            return finite;
        }

        /// <summary>One gradient row (a layer's last rows, after its blocks of four), a root of its own like <see cref="GradientRows"/>.</summary>
        [MethodImpl(Jit.OwnRoot)]
        private static bool GradientRow<TIn>(ref float d, int deltaStride, ref float x, int inputStride, int count, ref float y, bool clear, float rate)
            where TIn : struct, IFixedLength
            => Kernel.Outer<TIn>(ref d, deltaStride, ref x, inputStride, count, ref y, clear, rate);

        /// <summary>
        /// ∂L/∂b_j = (clear ? 0 : g_j) + Σ_s δ[s, j] for the part's rows: the samples in order, a SIMD vector of rows at a time
        /// (δ[s] is contiguous in the rows), so each bias sums exactly as it would one at a time.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private static void BiasGradients(ref float d, int deltaStride, int count, Span<float> biasGradients, int rowStart, bool clear)
        {
            ref float g = ref MemoryMarshal.GetReference(biasGradients);
            int rows = biasGradients.Length, j = 0;
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                int lanes = System.Numerics.Vector<float>.Count;
                for (; j <= rows - lanes; j += lanes)  // a SIMD vector of biases at a time
                {
                    var sum = clear ? System.Numerics.Vector<float>.Zero : System.Numerics.Vector.LoadUnsafe(ref g, (nuint)j);
                    for (int s = 0; s < count; s++) sum += System.Numerics.Vector.LoadUnsafe(ref d, (nuint)(deltaStride * s + rowStart + j));
                    System.Numerics.Vector.StoreUnsafe(sum, ref g, (nuint)j);
                }
            }
#endif
            for (; j < rows; j++)
            {
                float sum = clear ? 0f : Unsafe.Add(ref g, j);
                for (int s = 0; s < count; s++) sum += Unsafe.Add(ref d, deltaStride * s + rowStart + j);
                Unsafe.Add(ref g, j) = sum;
            }
        }
    }
}
