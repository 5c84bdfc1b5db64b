using System;

namespace StaticNet.Data
{
    /// <summary>
    /// Per-column affine scaling x' = (x − offset) · factor, fitted on training data and then applied
    /// unchanged to validation, test and live inputs. Fitting and scaling run in double precision: a column
    /// of large values with a small spread (1e8 and 1e8 + 8) keeps its spread, where float arithmetic, or
    /// a variance from Σx² − n·mean², loses it.
    /// </summary>
    public sealed class Scaler
    {
        private readonly double[] _offset, _factor;

        private Scaler(double[] offset, double[] factor)
        {
            _offset = offset;
            _factor = factor;
        }

        public int Columns => _offset.Length;

        /// <summary>Maps each column's [min, max] on the fitting data to [0, 1]; a constant column maps to 0.</summary>
        /// <exception cref="ArgumentException">The rows are not whole rows of <paramref name="columns"/>, or a value is NaN or ±∞ (the message names its row and column).</exception>
        public static Scaler MinMax(ReadOnlySpan<float> rows, int columns)
        {
            int count = CheckShape(rows, columns);
            var offset = new double[columns];
            var factor = new double[columns];
            for (int c = 0; c < columns; c++)
            {
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (int r = 0; r < count; r++)
                {
                    double v = rows[r * columns + c];
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
                offset[c] = min;
                factor[c] = max > min ? 1 / (max - min) : 0;
            }
            return new Scaler(offset, factor);
        }

        /// <summary>Standardises each column to mean 0 and standard deviation 1 on the fitting data; a constant column maps to 0.</summary>
        /// <exception cref="ArgumentException">The rows are not whole rows of <paramref name="columns"/>, or a value is NaN or ±∞ (the message names its row and column).</exception>
        public static Scaler Standard(ReadOnlySpan<float> rows, int columns)
        {
            int count = CheckShape(rows, columns);
            var offset = new double[columns];
            var factor = new double[columns];
            for (int c = 0; c < columns; c++)
            {
                // Two passes: the mean, then the squares of the deviations from it, which stay as small as the spread.
                double sum = 0;
                for (int r = 0; r < count; r++) sum += rows[r * columns + c];
                double mean = sum / count, squares = 0;
                for (int r = 0; r < count; r++)
                {
                    double deviation = rows[r * columns + c] - mean;
                    squares += deviation * deviation;
                }
                double variance = squares / count;
                offset[c] = mean;
                factor[c] = variance > 0 ? 1 / Math.Sqrt(variance) : 0;
            }
            return new Scaler(offset, factor);
        }

        /// <summary>Scales rows in place.</summary>
        public void Transform(Span<float> rows)
        {
            if (rows.Length % Columns != 0) throw new ArgumentException($"Length {rows.Length} is not a whole number of rows of {Columns}.", nameof(rows));
            for (int i = 0; i < rows.Length; i++)
            {
                int c = i % Columns;
                rows[i] = (float)((rows[i] - _offset[c]) * _factor[c]);
            }
        }

        private static int CheckShape(ReadOnlySpan<float> rows, int columns)
        {
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Must be at least 1.");
            if (rows.Length == 0 || rows.Length % columns != 0) throw new ArgumentException($"Length {rows.Length} is not a positive whole number of rows of {columns}.", nameof(rows));
            if (!Guard.AllFinite(rows)) ThrowNotFinite(rows, columns);   // one vectorised pass; the search only when something is wrong
            return rows.Length / columns;
        }

        private static void ThrowNotFinite(ReadOnlySpan<float> rows, int columns)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                if (!NetMath.IsFinite(rows[i]))
                {
                    throw new ArgumentException(FormattableString.Invariant($"'rows' holds {rows[i]} at row {i / columns}, column {i % columns}: a scaler fits finite values only."), nameof(rows));
                }
            }
        }
    }
}
