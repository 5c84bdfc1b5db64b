using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using StaticNet.Samples.Plots;
using Xunit;

namespace StaticNet.Samples.Tests;

/// <summary>
/// The Digits and Mnist samples, run end to end with --output: each writes the pictures the README and docs show,
/// as PNGs of the sizes their drawing code promises, with something drawn on them.
/// </summary>
[Collection(nameof(SampleCollection))]
public sealed class PictureTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "staticnet-samples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void DigitsWritesItsTrainingCurvesConfusionMatrixAndMisclassifiedDigits()
    {
        string printed = SampleRun.Run(typeof(DigitsNet).Assembly, "--output", _output);

        Assert.Contains("Test accuracy: 96.21 % (432 of 449)", printed);
        AssertPicture(Path.Combine(_output, "training-curves.png"), 2 * TrainingCurves.PanelWidth, TrainingCurves.Height);
        AssertPicture(Path.Combine(_output, "confusion-matrix.png"), ConfusionMatrixChart.Width, ConfusionMatrixChart.Height);
        // 432 of 449 right: 17 wrong, three rows of six.
        (int width, int height) = DigitGrid.SizeFor(17);
        Assert.Equal((DigitGrid.Columns * DigitGrid.CellPixels, 3 * (DigitGrid.CellPixels + DigitGrid.CaptionPixels) + 40), (width, height));
        AssertPicture(Path.Combine(_output, "misclassified.png"), width, height);
        Assert.Contains("plots: ", printed);
    }

    [Fact]
    public void MnistWritesItsTrainingCurvesWithValidation()
    {
        // Two epochs, not fifteen: the picture and the validation line are what is checked here, in a Debug build.
        string printed = SampleRun.Run(typeof(MnistNet).Assembly, "--output", _output, "--epochs", "2");

        Assert.Matches(new Regex(@"epoch 2: .*; validation loss [0-9.]+, acc [0-9.]+ %"), printed);
        Assert.Contains("Completed 2 epochs", printed);
        AssertPicture(Path.Combine(_output, "training-curves.png"), 2 * TrainingCurves.PanelWidth, TrainingCurves.Height);
    }

    private static void AssertPicture(string path, int width, int height)
    {
        Assert.True(File.Exists(path), path + " was not written");
        Assert.Equal((width, height), Png.Size(path));
        double drawn = Png.Drawn(path);
        Assert.True(drawn > 0.02, $"{Path.GetFileName(path)}: only {drawn:P1} of its pixels are drawn");
    }
}

[CollectionDefinition(nameof(SampleCollection))]
public sealed class SampleCollection
{
    // The samples print to the console and the game loop counts this thread's allocations: one at a time.
}
