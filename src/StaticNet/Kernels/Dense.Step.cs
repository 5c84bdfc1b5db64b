using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// One sample's SGD step on the layer: W ← W − η·δ·xᵀ, b ← b − η·δ, row by row. With
        /// <paramref name="skipZeroDeltas"/> (ReLU layers, where about half the units are inactive, and dropout) rows
        /// whose δ is 0 are left alone: their step is 0, and skipping them halves the update's memory traffic.
        /// </summary>
        public static void Step<TIn>(Span<float> weights, Span<float> biases, ReadOnlySpan<float> input, ReadOnlySpan<float> deltas, float learningRate, bool skipZeroDeltas)
            where TIn : struct, IFixedLength
            => StepLayer<TIn>(weights, biases, input, deltas, Span<float>.Empty, learningRate, skipZeroDeltas);

        /// <summary>
        /// One sample's backpropagation through the layer fused with its SGD step: δ_below = Wᵀ·δ with W as it was
        /// (<paramref name="below"/> is overwritten; empty for the first layer, which passes nothing back), then
        /// W ← W − η·δ·xᵀ and b ← b − η·δ. Row j of W is read for δ_below just before it changes, so each row passes
        /// through the cache once; four rows at a time go into δ_below, so it is loaded and stored once per four rows.
        /// </summary>
        public static void BackwardAndStep<TIn>(Span<float> weights, Span<float> biases, ReadOnlySpan<float> input, ReadOnlySpan<float> deltas, Span<float> below,
            float learningRate, bool skipZeroDeltas) where TIn : struct, IFixedLength
            => StepLayer<TIn>(weights, biases, input, deltas, below, learningRate, skipZeroDeltas);

        [MethodImpl(Jit.OwnRoot)]
        private static void StepLayer<TIn>(Span<float> weights, Span<float> biases, ReadOnlySpan<float> input, ReadOnlySpan<float> deltas, Span<float> below,
            float learningRate, bool skipZeroDeltas) where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value, rows = biases.Length;
            bool passBack = !below.IsEmpty;
            Check.Layer(weights.Length, n, rows);
            Check.Length(input.Length, n, nameof(input));
            Check.Length(deltas.Length, rows, nameof(deltas));
            if (passBack) Check.Length(below.Length, n, nameof(below));
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float b = ref MemoryMarshal.GetReference(biases);
            ref float x = ref MemoryMarshal.GetReference(input);
            ref float d = ref MemoryMarshal.GetReference(deltas);
            ref float e = ref MemoryMarshal.GetReference(below);
            if (passBack) below.Clear();
            int j = 0;
            if (passBack && n >= KernelThreshold)
            {
                for (; j + 3 < rows; j += 4)
                {
                    // δ_below += Σ_q δ[j + q]·(row j + q of W), before those rows change
                    ref float w0 = ref Unsafe.Add(ref w, n * j);
                    Kernel.MulAddX4<TIn>(Unsafe.Add(ref d, j), ref w0, Unsafe.Add(ref d, j + 1), ref Unsafe.Add(ref w0, n),
                        Unsafe.Add(ref d, j + 2), ref Unsafe.Add(ref w0, 2 * n), Unsafe.Add(ref d, j + 3), ref Unsafe.Add(ref w0, 3 * n), ref e);
                    for (int r = j; r < j + 4; r++) StepRow<TIn>(ref w, ref b, ref x, ref d, ref e, r, learningRate, skipZeroDeltas, passBack: false);
                }
            }
            for (; j < rows; j++) StepRow<TIn>(ref w, ref b, ref x, ref d, ref e, j, learningRate, skipZeroDeltas, passBack);
        }

        /// <summary>Row j: δ_below += δ_j·(row j) when <paramref name="passBack"/>, then row j ← row j − η·δ_j·x and b_j ← b_j − η·δ_j.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StepRow<TIn>(ref float w, ref float b, ref float x, ref float d, ref float e, int j, float learningRate, bool skipZeroDeltas, bool passBack)
            where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value;
            float delta = Unsafe.Add(ref d, j);
            if (skipZeroDeltas && delta == 0f) return;  // an inactive or dropped unit passes nothing back and leaves its row as it is
            float step = learningRate * delta;
            ref float row = ref Unsafe.Add(ref w, n * j);
            if (n >= KernelThreshold)
            {
                if (passBack) Kernel.MulAdd<TIn>(delta, ref row, ref e);
                Kernel.MulAdd<TIn>(-step, ref x, ref row);
            }
            else
            {
                if (passBack) for (int i = 0; i < n; i++) Unsafe.Add(ref e, i) += delta * Unsafe.Add(ref row, i);
                for (int i = 0; i < n; i++) Unsafe.Add(ref row, i) += -step * Unsafe.Add(ref x, i);
            }
            Unsafe.Add(ref b, j) -= step;
        }
    }
}
