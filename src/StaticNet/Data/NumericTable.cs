using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNet.Data
{
    /// <summary>
    /// A table of numbers held row-major in one float array — the layout Train reads — loaded from CSV.
    /// </summary>
    public sealed class NumericTable
    {
        /// <summary>Wraps existing values; their length must be rows × columns.</summary>
        public NumericTable(float[] values, int columns)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "Must be at least 1.");
            if (values.Length % columns != 0) throw new ArgumentException($"{values.Length} values do not fill whole rows of {columns}.", nameof(values));
            Values = values;
            Columns = columns;
        }

        /// <summary>All values, row after row.</summary>
        public float[] Values { get; }

        public int Columns { get; }

        public int Rows => Values.Length / Columns;

        /// <summary>The values of one row.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not one of the table's rows.</exception>
        public ReadOnlySpan<float> Row(int row)
        {
            if ((uint)row >= (uint)Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"The table has rows 0 to {Rows - 1}.");
            return Values.AsSpan(row * Columns, Columns);
        }

        /// <summary>Reads a CSV file of numbers (invariant culture: '.' decimal point).</summary>
        /// <param name="path">The file.</param>
        /// <param name="separator">The character between values.</param>
        /// <param name="hasHeader">Skip the first line.</param>
        /// <param name="allowNonFinite">Keep "NaN", "Infinity" and values beyond float's range (which become ±∞); by default they are an error, as training refuses them anyway.</param>
        /// <exception cref="FormatException">A value is not a (finite) number, or a row has a different number of columns (the message says where).</exception>
        public static NumericTable LoadCsv(string path, char separator = ',', bool hasHeader = false, bool allowNonFinite = false)
        {
            using var reader = new StreamReader(path);
            return ParseCsv(reader, separator, hasHeader, allowNonFinite);
        }

        /// <summary>Reads CSV text of numbers. Blank lines are skipped.</summary>
        /// <param name="reader">The text.</param>
        /// <param name="separator">The character between values.</param>
        /// <param name="hasHeader">Skip the first line.</param>
        /// <param name="allowNonFinite">Keep "NaN", "Infinity" and values beyond float's range (which become ±∞); by default they are an error, as training refuses them anyway.</param>
        /// <exception cref="FormatException">A value is not a (finite) number, or a row has a different number of columns (the message says where).</exception>
        public static NumericTable ParseCsv(TextReader reader, char separator = ',', bool hasHeader = false, bool allowNonFinite = false)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            var values = new List<float>();
            int columns = -1, lineNumber = 0;
            string? line;
            if (hasHeader && reader.ReadLine() is not null) lineNumber++;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Trim().Length == 0) continue;
                string[] cells = line.Split(separator);
                if (columns < 0) columns = cells.Length;
                else if (cells.Length != columns) throw new FormatException($"Line {lineNumber} has {cells.Length} columns, but the first row has {columns}.");
                for (int c = 0; c < cells.Length; c++)
                {
                    if (!float.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                    {
                        throw new FormatException($"Line {lineNumber}, column {c + 1}: '{cells[c]}' is not a number.");
                    }
                    if (!allowNonFinite && (float.IsNaN(value) || float.IsInfinity(value)))
                    {
                        // float.Parse reads "NaN" and "Infinity", and takes 1e39 to ∞ without a word.
                        throw new FormatException($"Line {lineNumber}, column {c + 1}: '{cells[c]}' is {(float.IsNaN(value) ? "NaN" : "not a finite float (beyond ±3.4e38)")}; "
                            + "pass allowNonFinite: true to keep such values.");
                    }
                    values.Add(value);
                }
            }
            if (columns < 0) throw new FormatException("The CSV holds no rows.");
            return new NumericTable(values.ToArray(), columns);
        }

        /// <summary>
        /// Splits off a column of class labels: the other columns become the features (row-major),
        /// the label column's values (which must be whole numbers ≥ 0) become ints.
        /// </summary>
        public (NumericTable Features, int[] Labels) SplitLabels(int labelColumn)
        {
            if ((uint)labelColumn >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn, $"The table has columns 0 to {Columns - 1}.");
            if (Columns < 2) throw new InvalidOperationException("A table needs at least one feature column besides the labels.");
            var features = new float[Rows * (Columns - 1)];
            var labels = new int[Rows];
            for (int r = 0; r < Rows; r++)
            {
                float label = Values[r * Columns + labelColumn];
                // 2³¹ itself is the first float past int's range (int.MaxValue rounds up to it).
                if (!(label >= 0 && label < 2147483648f) || label != Math.Floor(label))
                {
                    throw new FormatException($"Row {r}: label {label} is not a whole number ≥ 0.");
                }
                labels[r] = (int)label;
                int f = r * (Columns - 1);
                for (int c = 0; c < Columns; c++)
                {
                    if (c != labelColumn) features[f++] = Values[r * Columns + c];
                }
            }
            return (new NumericTable(features, Columns - 1), labels);
        }

        /// <summary>A new table holding the given rows, in the given order.</summary>
        /// <exception cref="ArgumentOutOfRangeException">An index is not one of the table's rows (the message names its position).</exception>
        public NumericTable SelectRows(ReadOnlySpan<int> rows)
        {
            Split.RequireIndices(rows, Rows, nameof(rows), "the table has");
            long length = (long)rows.Length * Columns;
            if (length > Guard.MaxArrayLength) throw new ArgumentException($"{rows.Length} rows of {Columns} values make {length} values, more than one array holds.", nameof(rows));
            var values = new float[length];
            for (int i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
            return new NumericTable(values, Columns);
        }
    }
}
