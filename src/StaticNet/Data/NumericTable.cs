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
        public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);

        /// <summary>Reads a CSV file of numbers (invariant culture: '.' decimal point).</summary>
        /// <exception cref="FormatException">A value is not a number, or a row has a different number of columns (the message says where).</exception>
        public static NumericTable LoadCsv(string path, char separator = ',', bool hasHeader = false)
        {
            using var reader = new StreamReader(path);
            return ParseCsv(reader, separator, hasHeader);
        }

        /// <summary>Reads CSV text of numbers. Blank lines are skipped.</summary>
        /// <exception cref="FormatException">A value is not a number, or a row has a different number of columns (the message says where).</exception>
        public static NumericTable ParseCsv(TextReader reader, char separator = ',', bool hasHeader = false)
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
                if (label < 0 || label != Math.Floor(label) || label > int.MaxValue)
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
        public NumericTable SelectRows(ReadOnlySpan<int> rows)
        {
            var values = new float[rows.Length * Columns];
            for (int i = 0; i < rows.Length; i++) Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
            return new NumericTable(values, Columns);
        }
    }
}
