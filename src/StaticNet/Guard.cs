using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace StaticNet
{
    /// <summary>Argument checks shared by generated code; each throws before anything is written.</summary>
    public static partial class Guard
    {
        /// <summary>
        /// The most elements .NET puts in one array of floats or ints (Array.MaxLength, which .NET Standard 2.0 lacks): sizes
        /// computed from the caller's data are checked against it, so that they fail with a message instead of overflowing.
        /// </summary>
        internal const int MaxArrayLength = 0x7FFFFFC7;

        /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Length(int actual, int expected, string paramName)
        {
            if (actual != expected) ThrowLength(actual, expected, paramName);
        }

        /// <summary>Throws <see cref="ArgumentException"/> naming the first NaN or ±∞ in <paramref name="values"/>.</summary>
        public static void Finite(ReadOnlySpan<float> values, string paramName)
        {
            if (AllFinite(values)) return;   // one vectorised pass; the message's search only when something is wrong
            ThrowNotFinite(values, paramName);
        }

        /// <summary>
        /// Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="learningRate"/> is a finite number ≥ 0:
        /// NaN or ±∞ would turn every parameter into NaN, and a negative rate climbs the loss.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void LearningRate(float learningRate, string paramName)
        {
            if (!(learningRate >= 0f) || float.IsPositiveInfinity(learningRate)) ThrowLearningRate(learningRate, paramName);
        }

        /// <summary>
        /// Whether no value is NaN or ±∞: Σ (v − v) is 0 for finite values and NaN otherwise, and unlike Σ v it cannot
        /// overflow on large finite values. Four accumulators, so the adds are not one chain of dependent latencies:
        /// 111 ns on 3,136 values, against 137 ns for TensorPrimitives.Sum and 360 ns for TensorPrimitives.MaxMagnitude.
        /// The one check for finite inputs, targets, data sets and gradients.
        /// </summary>
        internal static bool AllFinite(ReadOnlySpan<float> values)
        {
            int i = 0;
            float rest = 0f;
#if NET8_0_OR_GREATER
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                int lanes = System.Numerics.Vector<float>.Count;
                ref float first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
                var s0 = System.Numerics.Vector<float>.Zero; var s1 = s0; var s2 = s0; var s3 = s0;
                for (; i <= values.Length - 4 * lanes; i += 4 * lanes)
                {
                    var v0 = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)i);
                    var v1 = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)(i + lanes));
                    var v2 = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)(i + 2 * lanes));
                    var v3 = System.Numerics.Vector.LoadUnsafe(ref first, (nuint)(i + 3 * lanes));
                    s0 += v0 - v0; s1 += v1 - v1; s2 += v2 - v2; s3 += v3 - v3;
                }
                rest = System.Numerics.Vector.Sum((s0 + s1) + (s2 + s3));
            }
#endif
            for (; i < values.Length; i++) rest += values[i] - values[i];
            return rest == 0f;
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

        /// <summary>
        /// Checks a batch handed to a hook that keeps its scratch on the stack (EvaluateBatch): count ≥ 0, and input and
        /// target spans holding at least count rows.
        /// </summary>
        public static void Batch(int count, int inputLength, int inputSize, int targetLength, int outputSize)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A batch cannot hold a negative number of samples.");
            if (inputLength < (long)count * inputSize) ThrowLength(inputLength, (int)Math.Min(int.MaxValue, (long)count * inputSize), "inputs");
            if (targetLength < (long)count * outputSize) ThrowLength(targetLength, (int)Math.Min(int.MaxValue, (long)count * outputSize), "targets");
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

        /// <summary>
        /// The number of rows n of a batch handed to PredictBatch or ClassifyBatch: <paramref name="inputLength"/> must be
        /// n rows of <paramref name="inputSize"/> and <paramref name="outputLength"/> n rows of <paramref name="outputSize"/>;
        /// throws <see cref="ArgumentException"/> naming the span otherwise.
        /// </summary>
        public static int BatchRows(int inputLength, int inputSize, int outputLength, int outputSize, string inputsName, string outputsName)
        {
            int rows = inputLength / inputSize;
            if (rows * inputSize != inputLength)
            {
                throw new ArgumentException($"'{inputsName}' has length {inputLength}, which is not a whole number of rows of {inputSize}.", inputsName);
            }
            if ((long)rows * outputSize != outputLength)
            {
                throw new ArgumentException($"'{outputsName}' has length {outputLength} but {rows} rows of {outputSize} need {(long)rows * outputSize}.", outputsName);
            }
            return rows;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLength(int actual, int expected, string paramName)
            => throw new ArgumentException(
                $"'{paramName}' has length {actual} but this network needs exactly {expected}.", paramName);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLearningRate(float learningRate, string paramName)
            => throw new ArgumentOutOfRangeException(paramName, learningRate,
                $"The learning rate is {Text(learningRate)}: it must be a finite number ≥ 0 (NaN or ±∞ would turn every parameter into NaN, and a negative rate climbs the loss).");

        private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
