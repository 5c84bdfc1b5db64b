using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Collections.Generic;
using StaticNet;
using StaticNet.Data;
using StaticNet.Samples.Plots;
using StaticNet.Training;

// 8×8 handwritten digits: 64 pixels in, 10 classes out. A random quarter (fixed seed) is held out
// for testing; the rest trains with mini-batch Adam, early stopping watching a validation slice.
// Writes three pictures into --output DIR (default samples/Digits/output): the training curves, the confusion matrix
// and the test digits it got wrong.
const int SplitSeed = 2024; // chosen once, never tuned
int outputFlag = Array.IndexOf(args, "--output");
string output = outputFlag >= 0 && outputFlag + 1 < args.Length ? args[outputFlag + 1] : DefaultOutput();

NumericTable table = NumericTable.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"));
(NumericTable pixels, int[] labels) = table.SplitLabels(labelColumn: 64);
for (int i = 0; i < pixels.Values.Length; i++) pixels.Values[i] /= 16f; // grey levels 0..16 → 0..1

(int[] trainRows, int[] testRows) = Split.TrainTest(pixels.Rows, testFraction: 0.25f, seed: SplitSeed);
NumericTable trainX = pixels.SelectRows(trainRows), testX = pixels.SelectRows(testRows);
int[] trainY = Split.Select(labels, trainRows), testY = Split.Select(labels, testRows);
Console.WriteLine($"{pixels.Rows} digits: {trainX.Rows} to train (15 % of them validate), {testX.Rows} to test.");
Console.WriteLine();

var net = new DigitsNet(seed: 1);
var clock = Stopwatch.StartNew();
TrainingReport report = net.Train(trainX.Values, trainY, new TrainingOptions
{
    Epochs = 200,
    BatchSize = 32,
    Optimizer = Optimizer.Adam(learningRate: 0.003f),
    ValidationFraction = 0.15f,
    EarlyStopping = new EarlyStopping(patience: 15, restoreBest: true),
    Seed = 1,
    Progress = new ConsoleProgress(),
});
clock.Stop();

Console.WriteLine();
Console.WriteLine($"{report.Message} ({clock.Elapsed.TotalSeconds:F1} s, {report.Epochs.Count} epochs)");
EvaluationResult test = net.Evaluate(testX.Values, testY);
Console.WriteLine($"Test accuracy: {test.Accuracy:P2} ({Math.Round(test.Accuracy * test.Count)} of {test.Count}), test loss {test.Loss:F4}");
Console.WriteLine();

// Confusion matrix: rows are the true digit, columns the predicted one.
var confusion = new int[10, 10];
for (int i = 0; i < testX.Rows; i++) confusion[testY[i], net.Classify(testX.Row(i))]++;
Console.WriteLine("true\\predicted " + string.Concat(Range10(d => $"{d,4}")));
for (int t = 0; t < 10; t++) Console.WriteLine($"{t,14} " + string.Concat(Range10(p => confusion[t, p] == 0 ? "   ." : $"{confusion[t, p],4}")));

var wrong = new List<Misclassified>();
for (int i = 0; i < testX.Rows; i++)
{
    int predicted = net.Classify(testX.Row(i));
    if (predicted != testY[i]) wrong.Add(new Misclassified(testX.Row(i).ToArray(), 8, testY[i], predicted));
}
Console.WriteLine();
Console.WriteLine("plots: " + string.Join(", ", new[]
{
    TrainingCurves.Save(report.Epochs, "64-32-10 on the 8×8 digits", Path.Combine(output, "training-curves.png"), report.BestEpoch),
    ConfusionMatrixChart.Save(confusion, $"Test digits: {test.Accuracy:P1} right", Path.Combine(output, "confusion-matrix.png")),
    DigitGrid.Save(wrong, $"The {wrong.Count} test digits it got wrong (true → predicted)", Path.Combine(output, "misclassified.png")),
}.Select(path => Path.GetRelativePath(Environment.CurrentDirectory, path))));

static string[] Range10(Func<int, string> cell)
{
    var cells = new string[10];
    for (int i = 0; i < 10; i++) cells[i] = cell(i);
    return cells;
}

// samples/Digits/output, found above the build output (bin/Release/net10.0/) whatever the working directory.
static string DefaultOutput()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Digits.csproj"))) return Path.Combine(dir.FullName, "output");
    }
    return Path.Combine(Environment.CurrentDirectory, "output");
}

[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet { }

/// <summary>Prints an epoch line as soon as it ends (every 5th, and the first).</summary>
internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport epoch)
    {
        if (epoch.Epoch == 1 || epoch.Epoch % 5 == 0) Console.WriteLine(epoch);
    }
}
