using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;
using StaticNet.Training;

namespace StaticNet.Samples.Plots;

/// <summary>Loss and accuracy per epoch, training and validation, as two panels side by side.</summary>
public static class TrainingCurves
{
    public const int PanelWidth = 600, Height = 400;

    /// <summary>
    /// Writes the PNG (<see cref="PanelWidth"/> × 2 by <see cref="Height"/> pixels) and returns its path; a
    /// <paramref name="bestEpoch"/> above 0 (the epoch early stopping restored) is marked with a vertical line.
    /// </summary>
    public static string Save(IReadOnlyList<EpochReport> epochs, string title, string path, int bestEpoch = 0)
    {
        if (epochs.Count == 0) throw new ArgumentException("No epochs to plot.", nameof(epochs));
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        bool validated = epochs.Any(e => !float.IsNaN(e.ValidationLoss));

        var loss = Panel(title + ": loss", "cross-entropy loss");
        Line(loss, x, epochs.Select(e => (double)e.TrainLoss), "training", Colors.C0);
        if (validated) Line(loss, x, epochs.Select(e => (double)e.ValidationLoss), "validation", Colors.C1);

        var accuracy = Panel(title + ": accuracy", "accuracy (%)");
        Line(accuracy, x, epochs.Select(e => 100.0 * e.TrainAccuracy), "training", Colors.C0);
        if (validated) Line(accuracy, x, epochs.Select(e => 100.0 * e.ValidationAccuracy), "validation", Colors.C1);

        if (bestEpoch > 0)
        {
            foreach (Plot panel in new[] { loss, accuracy })
            {
                var line = panel.Add.VerticalLine(bestEpoch, color: Colors.Gray, pattern: LinePattern.Dotted);
                line.LegendText = $"best epoch ({bestEpoch})";
            }
        }
        loss.ShowLegend(Alignment.UpperRight);
        accuracy.ShowLegend(Alignment.LowerRight);

        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var figure = new Multiplot(loss);
        figure.AddPlot(accuracy);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        figure.SavePng(path, 2 * PanelWidth, Height);
        return path;
    }

    private static Plot Panel(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    private static void Line(Plot plot, double[] x, IEnumerable<double> y, string legend, Color color)
    {
        var line = plot.Add.ScatterLine(x, y.ToArray());
        line.LegendText = legend;
        line.LineWidth = 2;
        line.Color = color;
    }
}
