using System;
using System.Globalization;
using System.IO;
using ScottPlot;

namespace StaticNet.Samples.Plots;

/// <summary>A confusion matrix as a heat map: a row per true class, a column per predicted class, the count in each cell.</summary>
public static class ConfusionMatrixChart
{
    public const int Width = 560, Height = 520;

    /// <summary>Writes the PNG (<see cref="Width"/> × <see cref="Height"/> pixels) of <paramref name="counts"/>[true class, predicted class] and returns its path.</summary>
    public static string Save(int[,] counts, string title, string path)
    {
        int classes = counts.GetLength(0);
        if (classes == 0 || counts.GetLength(1) != classes) throw new ArgumentException("The matrix must be square and not empty.", nameof(counts));

        // A heat map draws its row 0 at the top: true class t is row t, at y = classes − 1 − t, predicted class p at x = p.
        var intensities = new double[classes, classes];
        int max = 1;
        for (int t = 0; t < classes; t++)
        {
            for (int p = 0; p < classes; p++)
            {
                intensities[t, p] = counts[t, p] == 0 ? double.NaN : Math.Log(1 + counts[t, p]);   // log: errors show beside the diagonal
                max = Math.Max(max, counts[t, p]);
            }
        }

        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());   // more is darker
        heatmap.NaNCellColor = Colors.White;
        heatmap.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5);
        for (int t = 0; t < classes; t++)
        {
            for (int p = 0; p < classes; p++)
            {
                if (counts[t, p] == 0) continue;
                var label = plot.Add.Text(counts[t, p].ToString(CultureInfo.InvariantCulture), p, classes - 1 - t);
                label.LabelAlignment = Alignment.MiddleCenter;
                label.LabelFontSize = 13;
                label.LabelFontColor = counts[t, p] > max / 3 ? Colors.White : Colors.Black;
            }
        }

        var predictedTicks = new ScottPlot.TickGenerators.NumericManual();
        var trueTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int c = 0; c < classes; c++)
        {
            predictedTicks.AddMajor(c, c.ToString(CultureInfo.InvariantCulture));
            trueTicks.AddMajor(classes - 1 - c, c.ToString(CultureInfo.InvariantCulture));
        }
        plot.Axes.Bottom.TickGenerator = predictedTicks;
        plot.Axes.Left.TickGenerator = trueTicks;
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);

        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
