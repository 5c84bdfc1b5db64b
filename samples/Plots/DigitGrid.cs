using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using ScottPlot;

namespace StaticNet.Samples.Plots;

/// <summary>One image the network got wrong: its pixels (row-major, 0 = background, 1 = ink), the true and the predicted class.</summary>
public readonly record struct Misclassified(float[] Pixels, int Side, int Truth, int Predicted);

/// <summary>A grid of small grey images, each captioned "true → predicted".</summary>
public static class DigitGrid
{
    public const int Columns = 6, CellPixels = 120, CaptionPixels = 28;

    /// <summary>The PNG's size for <paramref name="count"/> images: <see cref="Columns"/> per row.</summary>
    public static (int Width, int Height) SizeFor(int count)
    {
        int rows = Math.Max(1, (count + Columns - 1) / Columns);
        return (Columns * CellPixels, rows * (CellPixels + CaptionPixels) + 40);
    }

    /// <summary>Writes the PNG (<see cref="SizeFor"/>) and returns its path.</summary>
    public static string Save(IReadOnlyList<Misclassified> images, string title, string path)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        int rows = Math.Max(1, (images.Count + Columns - 1) / Columns);
        const double caption = 0.25;   // in cell units: the caption's band under each image
        for (int i = 0; i < images.Count; i++)
        {
            Misclassified image = images[i];
            if (image.Pixels.Length != image.Side * image.Side) throw new ArgumentException($"Image {i} has {image.Pixels.Length} pixels, not {image.Side}².", nameof(images));
            var intensities = new double[image.Side, image.Side];
            for (int r = 0; r < image.Side; r++)
            {
                for (int c = 0; c < image.Side; c++) intensities[r, c] = image.Pixels[r * image.Side + c];
            }
            int column = i % Columns, row = i / Columns;
            double left = column, top = (rows - row) * (1 + caption);   // y grows upwards: the first row at the top
            var heatmap = plot.Add.Heatmap(intensities);
            heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
            heatmap.ManualRange = new ScottPlot.Range(0, 1);   // ink (1) dark on white, whatever the image's own range
            heatmap.Rectangle = new CoordinateRect(left + 0.05, left + 0.95, top - 0.95, top - 0.05);   // (left, right, bottom, top)
            var frame = plot.Add.Rectangle(left + 0.05, left + 0.95, top - 0.95, top - 0.05);   // the image's edge: digits rarely ink it
            frame.FillStyle.Color = Colors.Transparent;
            frame.LineStyle.Color = Colors.LightGray;
            var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{image.Truth} → {image.Predicted}"), left + 0.5, top - 1.1);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = 15;
        }
        plot.Axes.SetLimits(0, Columns, 0, rows * (1 + caption));

        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        (int width, int height) = SizeFor(images.Count);
        plot.SavePng(path, width, height);
        return path;
    }
}
