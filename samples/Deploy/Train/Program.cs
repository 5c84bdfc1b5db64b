using System;
using System.IO;
using StaticNet;
using StaticNet.Data;
using StaticNet.Training;

// Trains the 8×8 digits network (as samples/Digits does, on the same split) and saves it as a .snet file:
// by default to samples/Deploy/Inference/models/digits.snet, the file the inference program bakes in.
int outputFlag = Array.IndexOf(args, "--output");
string output = outputFlag >= 0 && outputFlag + 1 < args.Length ? args[outputFlag + 1] : DefaultOutput();

NumericTable table = NumericTable.LoadCsv(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"));
(NumericTable pixels, int[] labels) = table.SplitLabels(labelColumn: 64);
for (int i = 0; i < pixels.Values.Length; i++) pixels.Values[i] /= 16f; // grey levels 0..16 → 0..1
(int[] trainRows, int[] testRows) = Split.TrainTest(pixels.Rows, testFraction: 0.25f, seed: 2024);
NumericTable trainX = pixels.SelectRows(trainRows), testX = pixels.SelectRows(testRows);
int[] trainY = Split.Select(labels, trainRows), testY = Split.Select(labels, testRows);

var net = new DigitsNet(seed: 1);
TrainingReport report = net.Train(trainX.Values, trainY, new TrainingOptions
{
    Epochs = 60,
    BatchSize = 32,
    Optimizer = Optimizer.Adam(learningRate: 0.003f),
    Seed = 1,
});
EvaluationResult test = net.Evaluate(testX.Values, testY);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
net.Save(output);
Console.WriteLine($"{report.Message}; test accuracy {test.Accuracy:P2} ({Math.Round(test.Accuracy * test.Count)} of {test.Count})");
Console.WriteLine($"saved {DigitsNet.ParameterCount} parameters to {Path.GetFileName(output)} ({new FileInfo(output).Length} bytes)");

static string DefaultOutput()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string inference = Path.Combine(dir.FullName, "Inference");
        if (Directory.Exists(inference)) return Path.Combine(inference, "models", "digits.snet");
    }
    return "digits.snet";
}

/// <summary>The network the inference program declares again, with Weights: the same architecture.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet { }
