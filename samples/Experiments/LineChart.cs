using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace StaticNet.Experiments;

/// <summary>
/// One ScottPlot panel of lines, optionally with a logarithmic y axis (ScottPlot 5 draws log axes as log10 of the data
/// with tick labels put back to powers of ten), and the saving of one or more panels side by side as a PNG.
/// </summary>
public sealed class LineChart
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();
    private readonly bool _logX, _logY;
    private readonly Alignment? _legend;
    private int _lines;

    /// <summary>A panel; <paramref name="legend"/> is the corner the legend sits in, null to put it under the plot.</summary>
    public LineChart(string title, string xLabel, string yLabel, bool logY = false, Alignment? legend = Alignment.UpperRight, bool logX = false)
    {
        _logX = logX;
        _logY = logY;
        _legend = legend;
        Plot = new Plot();
        Plot.Title(title);
        Plot.XLabel(xLabel);
        Plot.YLabel(yLabel);
        if (logY) Plot.Axes.Left.TickGenerator = LogTicks();
        // Layers and epochs are whole numbers.
        Plot.Axes.Bottom.TickGenerator = logX ? LogTicks() : new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
    }

    /// <summary>Ticks at the powers of ten of log10 data, labelled 1e-3, 1e0, …, with minor ticks between.</summary>
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = v => "1e" + v.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
    };

    public Plot Plot { get; }

    /// <summary>
    /// A line through the points (non-finite values, and non-positive ones on a log axis, are left out), in colour
    /// <paramref name="color"/> of the Category10 palette (−1: the next one).
    /// </summary>
    public void Add(string legend, IReadOnlyList<double> xs, IReadOnlyList<double> ys, bool dashed = false, int color = -1)
    {
        var points = xs.Zip(ys).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!_logX || p.First > 0) && (!_logY || p.Second > 0)).ToArray();
        double[] x = points.Select(p => _logX ? Math.Log10(p.First) : p.First).ToArray();
        double[] y = points.Select(p => _logY ? Math.Log10(p.Second) : p.Second).ToArray();
        var line = Plot.Add.ScatterLine(x, y);
        line.LegendText = legend;
        line.LineWidth = 2;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (color >= 0) line.Color = Palette.GetColor(color);
        if (_lines++ > 0) return;   // the legend lists every line; showing it again would add a second one (under the plot)
        if (_legend is Alignment corner) Plot.ShowLegend(corner);
        else Plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>Shows y from <paramref name="min"/> to <paramref name="max"/> (in data units, also on a log axis).</summary>
    public void LimitY(double min, double max)
    {
        if (_logY) Plot.Axes.SetLimitsY(Math.Log10(min), Math.Log10(max));
        else Plot.Axes.SetLimitsY(min, max);
    }

    /// <summary>Saves the panels side by side, each <paramref name="panelWidth"/> × <paramref name="height"/> pixels; returns the file's path.</summary>
    public static string Save(string folder, string fileName, int panelWidth, int height, params LineChart[] panels)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        if (panels.Length == 1)
        {
            panels[0].Plot.SavePng(path, panelWidth, height);
            return path;
        }
        var figure = new Multiplot(panels[0].Plot);
        foreach (LineChart panel in panels.Skip(1)) figure.AddPlot(panel.Plot);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        figure.SavePng(path, panelWidth * panels.Length, height);
        return path;
    }
}
