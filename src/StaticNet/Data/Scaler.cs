using System;

namespace StaticNet.Data
{
    /// <summary>
    /// Per-column affine scaling x' = (x − offset) · factor, fitted on training data and then applied
    /// unchanged to validation, test and live inputs.
    /// </summary>
    public sealed class Scaler
    {
        private readonly float[] _offset, _factor;

        private Scaler(float[] offset, float[] factor)
        {
            _offset = offset;
            _factor = factor;
        }

        public int Columns => _offset.Length;

        /// <summary>Maps each column's [min, max] on the fitting data to [0, 1]; a constant column maps to 0.</summary>
        public static Scaler MinMax(ReadOnlySpan<float> rows, int columns)
        {
            int count = CheckShape(rows, columns);
            var offset = new float[columns];
            var factor = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                float min = float.PositiveInfinity, max = float.NegativeInfinity;
                for (int r = 0; r < count; r++)
                {
                    float v = rows[r * columns + c];
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
                offset[c] = min;
                factor[c] = max > min ? 1f / (max - min) : 0f;
            }
            return new Scaler(offset, factor);
        }

        /// <summary>Standardises each column to mean 0 and standard deviation 1 on the fitting data; a constant column maps to 0.</summary>
        public static Scaler Standard(ReadOnlySpan<float> rows, int columns)
        {
            int count = CheckShape(rows, columns);
            var offset = new float[columns];
            var factor = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                double sum = 0, square = 0;
                for (int r = 0; r < count; r++)
                {
                    double v = rows[r * columns + c];
                    sum += v;
                    square += v * v;
                }
                double mean = sum / count, variance = Math.Max(0, square / count - mean * mean);
                offset[c] = (float)mean;
                factor[c] = variance > 0 ? (float)(1 / Math.Sqrt(variance)) : 0f;
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
                rows[i] = (rows[i] - _offset[c]) * _factor[c];
            }
        }

        private static int CheckShape(ReadOnlySpan<float> rows, int columns)
        {
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Must be at least 1.");
            if (rows.Length == 0 || rows.Length % columns != 0) throw new ArgumentException($"Length {rows.Length} is not a positive whole number of rows of {columns}.", nameof(rows));
            return rows.Length / columns;
        }
    }
}
