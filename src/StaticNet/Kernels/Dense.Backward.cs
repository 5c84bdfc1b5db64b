using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Kernels
{
    public static partial class Dense
    {
        /// <summary>
        /// δ_below[s] = Wᵀ·δ[s] for samples s &lt; <paramref name="count"/>: the error carried back through the layer's
        /// weights (before any activation derivative, which the caller applies). Sample s's δ starts at
        /// <paramref name="deltaStride"/>·s of <paramref name="deltas"/>, its δ_below (overwritten) at
        /// <paramref name="belowStride"/>·s of <paramref name="below"/>. Four rows of W go through each sample's δ_below
        /// per pass, so it is loaded and stored once per four rows.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static void Backward<TIn>(ReadOnlySpan<float> weights, ReadOnlySpan<float> deltas, int deltaStride, Span<float> below, int belowStride, int count)
            where TIn : struct, IFixedLength
        {
            int n = default(TIn).Value, rows = weights.Length / n;
            Check.Layer(weights.Length, n, rows);
            Check.Rows(deltas.Length, deltaStride, count, rows, nameof(deltas));
            Check.Rows(below.Length, belowStride, count, n, nameof(below));
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float d = ref MemoryMarshal.GetReference(deltas);
            ref float e = ref MemoryMarshal.GetReference(below);
            for (int s = 0; s < count; s++) below.Slice(belowStride * s, n).Clear();
            int j = 0;
            if (n >= KernelThreshold)
            {
                for (; j + 3 < rows; j += 4)  // four rows of W per pass over δ_below[s]
                {
                    ref float w0 = ref Unsafe.Add(ref w, n * j);
                    ref float w1 = ref Unsafe.Add(ref w0, n);
                    ref float w2 = ref Unsafe.Add(ref w1, n);
                    ref float w3 = ref Unsafe.Add(ref w2, n);
                    for (int s = 0; s < count; s++)
                    {
                        ref float ds = ref Unsafe.Add(ref d, deltaStride * s + j);
                        // δ_below[s] += Σ_q δ[s, j + q]·(row j + q of W)
                        Kernel.MulAddX4<TIn>(ds, ref w0, Unsafe.Add(ref ds, 1), ref w1, Unsafe.Add(ref ds, 2), ref w2, Unsafe.Add(ref ds, 3), ref w3, ref Unsafe.Add(ref e, belowStride * s));
                    }
                }
            }
            for (; j < rows; j++)
            {
                ref float row = ref Unsafe.Add(ref w, n * j);
                for (int s = 0; s < count; s++)
                {
                    // δ_below[s] += δ[s, j]·(row j of W)
                    float delta = Unsafe.Add(ref d, deltaStride * s + j);
                    ref float es = ref Unsafe.Add(ref e, belowStride * s);
                    if (n >= KernelThreshold) Kernel.MulAdd<TIn>(delta, ref row, ref es);
                    else for (int i = 0; i < n; i++) Unsafe.Add(ref es, i) += delta * Unsafe.Add(ref row, i);
                }
            }
        }
    }
}
