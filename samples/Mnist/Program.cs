using System;
using System.Diagnostics;
using System.IO;
using StaticNet;
using StaticNet.Samples.Plots;
using StaticNet.Training;

// MNIST: 784 pixels in, 10 classes out, 128 ReLU units between. Of the 10,000 shipped digits the first 7,000 train,
// the next 1,000 validate (reported per epoch) and the last 2,000 test. Mini-batch SGD with Nesterov momentum.
// Writes the training curves into --output DIR (default samples/Mnist/output); --epochs N trains N epochs instead of 15.
string output = Option("--output") ?? DefaultOutput();
int epochs = int.Parse(Option("--epochs") ?? "15", System.Globalization.CultureInfo.InvariantCulture);
string data = Path.Combine(AppContext.BaseDirectory, "data");
(float[] pixels, int count, int size) = Idx.ReadImages(Path.Combine(data, "mnist10k-images-idx3-ubyte.gz"));
int[] labels = Idx.ReadLabels(Path.Combine(data, "mnist10k-labels-idx1-ubyte.gz"));
if (size != MnistNet.InputSize || labels.Length != count) throw new InvalidDataException("Unexpected MNIST file shapes.");

const int TrainCount = 7000, ValidationCount = 1000;
ReadOnlySpan<float> trainX = pixels.AsSpan(0, TrainCount * size);
ReadOnlySpan<float> validationX = pixels.AsSpan(TrainCount * size, ValidationCount * size);
ReadOnlySpan<float> testX = pixels.AsSpan((TrainCount + ValidationCount) * size);
ReadOnlySpan<int> trainY = labels.AsSpan(0, TrainCount), validationY = labels.AsSpan(TrainCount, ValidationCount);
ReadOnlySpan<int> testY = labels.AsSpan(TrainCount + ValidationCount);
int testCount = count - TrainCount - ValidationCount;
Console.WriteLine($"{count} digits of {size} pixels: {TrainCount} train, {ValidationCount} validate, {testCount} test.");

var net = new MnistNet(seed: 1);
var clock = Stopwatch.StartNew();
TrainingReport report = net.Train(trainX, trainY, validationX, validationY, new TrainingOptions
{
    Epochs = epochs,
    BatchSize = 32,
    Optimizer = Optimizer.Sgd(learningRate: 0.05f, momentum: 0.9f, nesterov: true),
    Schedule = LearningRateSchedule.Cosine(epochs, minFactor: 0.05f),
    Seed = 1,
    Progress = new ConsoleProgress(),
});
clock.Stop();

double samplesPerSecond = (double)TrainCount * report.Epochs.Count / clock.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"{report.Message} {clock.Elapsed.TotalSeconds:F1} s: {samplesPerSecond:N0} training samples per second "
    + "(one thread; the time includes validating after every epoch).");
EvaluationResult test = net.Evaluate(testX, testY);
Console.WriteLine($"Test accuracy: {test.Accuracy:P2} ({Math.Round(test.Accuracy * test.Count)} of {test.Count}), test loss {test.Loss:F4}");

var predictClock = Stopwatch.StartNew();
Span<float> prediction = stackalloc float[MnistNet.OutputSize];
for (int i = 0; i < testCount; i++) net.Predict(testX.Slice(i * size, size), prediction);
Console.WriteLine($"Predict: {testCount / predictClock.Elapsed.TotalSeconds:N0} samples per second, one at a time.");

string curves = TrainingCurves.Save(report.Epochs, "784-128-10 on MNIST", Path.Combine(output, "training-curves.png"));
Console.WriteLine();
Console.WriteLine("plot: " + Path.GetRelativePath(Environment.CurrentDirectory, curves));

string? Option(string name)
{
    int flag = Array.IndexOf(args, name);
    return flag >= 0 && flag + 1 < args.Length ? args[flag + 1] : null;
}

// samples/Mnist/output, found above the build output (bin/Release/net10.0/) whatever the working directory.
static string DefaultOutput()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Mnist.csproj"))) return Path.Combine(dir.FullName, "output");
    }
    return Path.Combine(Environment.CurrentDirectory, "output");
}

[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class MnistNet { }

internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport epoch) => Console.WriteLine(epoch);
}
