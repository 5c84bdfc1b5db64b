using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Kernels
{
    /// <summary>
    /// The span checks of the layer operations: the kernels index without bounds checks, so each entry point proves
    /// once that every access is inside its spans. Generated code always passes valid spans; these guard other callers.
    /// Each check is a comparison inlined into its caller; the message is built out of line, only when it fails.
    /// </summary>
    internal static class Check
    {
        /// <summary>A layer's weights hold exactly rows × n floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Layer(int weights, int n, int rows)
        {
            if ((long)rows * n != weights) ThrowLayer(weights, n, rows);
        }

        /// <summary>0 ≤ start ≤ end ≤ rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void RowRange(int start, int end, int rows)
        {
            if (start < 0 || start > end || end > rows) ThrowRowRange(start, end, rows);
        }

        /// <summary><paramref name="count"/> rows of <paramref name="width"/> floats, <paramref name="stride"/> apart, fit a span of <paramref name="length"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Rows(int length, int stride, int count, int width, string name)
        {
            if (count < 0 || (count > 0 && (stride < width || (long)stride * (count - 1) + width > length))) ThrowRows(length, stride, count, width, name);
        }

        /// <summary>A span of exactly <paramref name="expected"/> floats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Length(int length, int expected, string name)
        {
            if (length != expected) ThrowLength(length, expected, name);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLayer(int weights, int n, int rows)
            => throw new ArgumentException($"The weights hold {weights} floats; {rows} rows of {n} need {(long)rows * n}.", "weights");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowRowRange(int start, int end, int rows)
            => throw new ArgumentOutOfRangeException("rowStart", start, $"Rows {start} … {end} − 1 are not inside the layer's {rows}.");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowRows(int length, int stride, int count, int width, string name)
        {
            if (count < 0) throw new ArgumentOutOfRangeException("count", count, "Must not be negative.");
            if (stride < width) throw new ArgumentOutOfRangeException(name + "Stride", stride, $"Rows of {width} floats need a stride of at least {width}.");
            throw new ArgumentException($"'{name}' holds {length} floats; {count} rows of {width}, {stride} apart, need {(long)stride * (count - 1) + width}.", name);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLength(int length, int expected, string name)
            => throw new ArgumentException($"'{name}' holds {length} floats; this layer needs {expected}.", name);
    }
}
