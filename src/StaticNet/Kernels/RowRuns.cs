#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels
{
    /// <summary>
    /// The rows of a layer's transposed weights that a block of samples needs: runs [start, end) of the inputs i where
    /// some sample's x[s][i] is not exactly 0. A row where every sample's input is 0 adds 0·w = 0 to every sum (finite
    /// weights: TransposedWeights builds no copy of others), so the batch kernels read the runs alone, found once per
    /// block of samples and reused by every pass over its outputs. Real inputs leave many such rows: an image's
    /// background is 0 in most images of a block.
    /// </summary>
    internal static class RowRuns
    {
        /// <summary>Runs one block may have; past that, <see cref="Find"/> gives one run of every row (correct, nothing skipped).</summary>
        public const int Capacity = 64;

        /// <summary>Ints one block's runs take: a start and an end each.</summary>
        public const int PerBlock = 2 * Capacity;

        /// <summary>
        /// Writes the runs of rows that <paramref name="samples"/> samples (inputs <paramref name="xStride"/> apart) need
        /// into <paramref name="runs"/> (<see cref="PerBlock"/> ints: start, end, start, end …) and returns how many.
        /// One run of all n rows when the block's first sample has fewer than n / 8 zeros (finding runs would cost more
        /// than a block of dense inputs saves) or when the runs do not fit.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public static int Find(ref float x, int xStride, int samples, int n, ref int runs)
        {
            if (Zeros(ref x, n) < n / 8) return All(ref runs, n);
            int count = 0, open = -1;  // open: where the run being read started, −1 between runs
            int i0 = 0;
            for (; i0 + 16 <= n; i0 += 16)
            {
                uint needed = 0;
                for (int s = 0; s < samples; s++) needed |= Kernel.NonzeroInputs16(ref Unsafe.Add(ref x, s * xStride), i0);
                if (needed == 0xFFFF)
                {
                    if (open < 0) open = i0;
                    continue;
                }
                for (int k = 0; k < 16; k++)
                {
                    if (!Step(ref runs, ref count, ref open, i0 + k, (needed >> k & 1) != 0)) return All(ref runs, n);
                }
            }
            for (; i0 < n; i0++)
            {
                bool needs = false;
                for (int s = 0; s < samples; s++) needs |= Unsafe.Add(ref x, s * xStride + i0) != 0;
                if (!Step(ref runs, ref count, ref open, i0, needs)) return All(ref runs, n);
            }
            if (open >= 0 && !Close(ref runs, ref count, open, n)) return All(ref runs, n);
            return count;
        }

        /// <summary>Row i is needed or not: opens a run at it, or closes the open one; false when a run does not fit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Step(ref int runs, ref int count, ref int open, int i, bool needed)
        {
            if (needed)
            {
                if (open < 0) open = i;
                return true;
            }
            if (open < 0) return true;
            bool fits = Close(ref runs, ref count, open, i);
            open = -1;
            return fits;
        }

        private static bool Close(ref int runs, ref int count, int start, int end)
        {
            if (count == Capacity) return false;
            Unsafe.Add(ref runs, 2 * count) = start;
            Unsafe.Add(ref runs, 2 * count + 1) = end;
            count++;
            return true;
        }

        private static int All(ref int runs, int n)
        {
            runs = 0;
            Unsafe.Add(ref runs, 1) = n;
            return 1;
        }

        /// <summary>How many of one sample's n inputs are exactly 0.</summary>
        private static int Zeros(ref float x, int n)
        {
            int zeros = 0, i0 = 0;
            for (; i0 + 16 <= n; i0 += 16) zeros += 16 - System.Numerics.BitOperations.PopCount(Kernel.NonzeroInputs16(ref x, i0));
            for (; i0 < n; i0++) if (Unsafe.Add(ref x, i0) == 0) zeros++;
            return zeros;
        }
    }
}
#endif
