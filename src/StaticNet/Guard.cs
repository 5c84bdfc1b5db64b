using System;
using System.Runtime.CompilerServices;

namespace StaticNet
{
    /// <summary>Argument checks shared by generated code; each throws before anything is written.</summary>
    public static class Guard
    {
        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Length(int actual, int expected, string paramName)
        {
            if (actual != expected) ThrowLength(actual, expected, paramName);
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first NaN or ±∞ in <paramref name="values"/>.</summary>
        public static void Finite(ReadOnlySpan<float> values, string paramName)
        {
            // One vectorised pass: the largest magnitude is NaN or ∞ exactly when some value is.
            if (values.IsEmpty || NetMath.IsFinite(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(values))) return;
            ThrowNotFinite(values, paramName);
        }

        // Out of line, so that Finite stays small wherever the JIT inlines it (its message formatting would
        // otherwise eat the caller's inlining budget, which the generated kernels need).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowNotFinite(ReadOnlySpan<float> values, string paramName)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!NetMath.IsFinite(values[i]))
                {
                    throw new ArgumentException($"'{paramName}' holds {values[i]} at index {i}: training needs finite values.", paramName);
                }
            }
        }

        /// <summary>
        /// Checks a batch handed to a network's training hooks: 1 ≤ count ≤ capacity, and input and
        /// target spans holding at least count rows.
        /// </summary>
        public static void Batch(int count, int capacity, int inputLength, int inputSize, int targetLength, int outputSize)
        {
            Count(count, capacity);
            Rows(inputLength, count, inputSize, "inputs");
            Rows(targetLength, count, outputSize, "targets");
        }

        /// <summary>A batch's sample count: 1 to the capacity set by EnsureBatchCapacity.</summary>
        public static void Count(int count, int capacity)
        {
            if (count < 1 || count > capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, $"A batch must hold 1 to {capacity} samples (the capacity set by EnsureBatchCapacity).");
            }
        }

        /// <summary>A span holding (at least) count rows of size values.</summary>
        public static void Rows(int length, int count, int size, string paramName)
        {
            if (length < count * size) ThrowLength(length, count * size, paramName);
        }

        /// <summary>A range [start, start + length) inside [0, total).</summary>
        public static void Range(int start, int length, int total, string lengthName = "length")
        {
            if (start < 0 || start > total) throw new ArgumentOutOfRangeException(nameof(start), start, $"Must be in [0, {total}].");
            if (length < 0 || length > total - start) throw new ArgumentOutOfRangeException(lengthName, length, $"Covers {length} elements from {start}; must cover between 0 and {total - start}.");
        }

        /// <summary>Part <paramref name="part"/> of <paramref name="parts"/>: 0 ≤ part &lt; parts.</summary>
        public static void Part(int part, int parts)
        {
            if (parts < 1) throw new ArgumentOutOfRangeException(nameof(parts), parts, "Must be at least 1.");
            if (part < 0 || part >= parts) throw new ArgumentOutOfRangeException(nameof(part), part, $"Must be in [0, {parts}).");
        }

        /// <summary>Checks a slice [start, start + count) of a batch whose inputs were already taken: inside the capacity, with that many target rows.</summary>
        public static void TargetSlice(int start, int count, int capacity, int targetLength, int outputSize)
        {
            if (start < 0 || start >= capacity) throw new ArgumentOutOfRangeException(nameof(start), start, $"Must be in [0, {capacity}).");
            Count(count, capacity - start);
            Rows(targetLength - start * outputSize, count, outputSize, "targets");
        }

        /// <summary>Checks a slice [start, start + count) of a batch: inside the capacity, with that many input and target rows.</summary>
        public static void Slice(int start, int count, int capacity, int inputLength, int inputSize, int targetLength, int outputSize)
        {
            if (start < 0 || start >= capacity) throw new ArgumentOutOfRangeException(nameof(start), start, $"Must be in [0, {capacity}).");
            Batch(count, capacity - start, inputLength - start * inputSize, inputSize, targetLength - start * outputSize, outputSize);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLength(int actual, int expected, string paramName)
            => throw new ArgumentException(
                $"'{paramName}' has length {actual} but this network needs exactly {expected}.", paramName);
    }
}
