using System;
using System.Collections.Generic;
using System.Text;

namespace StaticNet.Experiments;

/// <summary>A plain-text table: a header and rows of cells, the first column left-aligned and the others (numbers) right-aligned.</summary>
public sealed class TextTable
{
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] header) => _rows.Add(header);

    public void Add(params string[] cells)
    {
        if (cells.Length != _rows[0].Length) throw new ArgumentException($"A row needs {_rows[0].Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = new int[_rows[0].Length];
        foreach (string[] row in _rows)
        {
            for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        }
        var text = new StringBuilder();
        foreach (string[] row in _rows)
        {
            var line = new StringBuilder();
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(c == 0 ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
